package pxlab.agent.bootstrap;

/**
 * What the request advice calls. Never throws.
 */
public final class RequestProbe {

    private RequestProbe() {
    }

    /**
     * Starts timing a request.
     *
     * @return A token for {@link #end}, or {@code null} when the event is disabled.
     */
    public static Object begin() {
        try {
            RequestEvent e = new RequestEvent();
            if (!e.isEnabled()) return null;
            e.begin();
            return e;
        } catch (Throwable t) {
            return null;
        }
    }

    /**
     * Ends timing a request.
     *
     * @param token  What {@link #begin} returned.
     * @param type   The class declaring the method.
     * @param method The method's name.
     * @param thrown What the call threw, or {@code null}.
     */
    public static void end(Object token, Class<?> type, String method, Throwable thrown) {
        if (!(token instanceof RequestEvent)) return;
        try {
            RequestEvent e = (RequestEvent) token;
            e.end();
            if (!e.shouldCommit()) return;
            e.name = type.getName() + "#" + method;
            e.failed = thrown != null;
            e.commit();
        } catch (Throwable t) {
            // A failed measurement must not fail the request.
        }
    }
}
