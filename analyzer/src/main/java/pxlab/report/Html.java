package pxlab.report;

/**
 * Builds HTML and inline SVG text, escaping every string that is not markup.
 *
 * <p><b>Note</b>: every recorded string (thread names, class names, frames, lock names, request names) is chosen by
 * the recorded program, so it is untrusted. It may only reach the page through {@link #text} or {@link #attr},
 * which escape it for text and for a double-quoted attribute value alike. The page embeds no data in scripts or
 * styles, so no JavaScript or CSS escaping is needed anywhere.
 */
final class Html {

    private final StringBuilder sb = new StringBuilder(1 << 16);

    /**
     * Appends markup written by pxlab itself, never recorded data.
     *
     * @param markup Trusted markup.
     * @return This builder.
     */
    Html raw(String markup) {
        sb.append(markup);
        return this;
    }

    /**
     * Appends text, escaped.
     *
     * @param s Any string; {@code null} appends nothing.
     * @return This builder.
     */
    Html text(String s) {
        if (s != null) escapeInto(s, sb);
        return this;
    }

    /**
     * Appends {@code  name="value"} with the value escaped.
     *
     * @param name  The attribute's name, written by pxlab.
     * @param value Any string.
     * @return This builder.
     */
    Html attr(String name, String value) {
        sb.append(' ').append(name).append("=\"");
        escapeInto(value == null ? "" : value, sb);
        sb.append('"');
        return this;
    }

    /**
     * Appends {@code  name="value"} for a number.
     *
     * @param name  The attribute's name.
     * @param value The value.
     * @return This builder.
     */
    Html attr(String name, long value) {
        sb.append(' ').append(name).append("=\"").append(value).append('"');
        return this;
    }

    /**
     * Appends an element holding only escaped text: {@code <tag class="cls">text</tag>}.
     *
     * @param tag  The element's name.
     * @param cls  Its class, or {@code null}.
     * @param text The text.
     * @return This builder.
     */
    Html element(String tag, String cls, String text) {
        sb.append('<').append(tag);
        if (cls != null) attr("class", cls);
        sb.append('>');
        text(text);
        sb.append("</").append(tag).append('>');
        return this;
    }

    @Override
    public String toString() {
        return sb.toString();
    }

    /**
     * Escapes a string for HTML text and for double- or single-quoted attribute values.
     *
     * @param s The string.
     * @return The escaped string.
     */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        escapeInto(s, out);
        return out.toString();
    }

    /**
     * Escapes {@code & < > " '}, and replaces what HTML cannot carry (control characters other than tab and line
     * breaks, unpaired surrogates) with U+FFFD, so that even a damaged name cannot break the document.
     */
    private static void escapeInto(String s, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&': out.append("&amp;"); break;
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '"': out.append("&quot;"); break;
                case '\'': out.append("&#39;"); break;
                default:
                    if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(ch).append(s.charAt(++i));
                    } else if (Character.isSurrogate(ch) || ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r'
                            || ch >= 0x7f && ch <= 0x9f) {
                        out.append('\uFFFD');
                    } else {
                        out.append(ch);
                    }
            }
        }
    }
}
