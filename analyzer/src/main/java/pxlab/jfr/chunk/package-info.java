/**
 * Reading {@code .jfr} files: the one reader for every size. {@link pxlab.jfr.chunk.ChunkedRecording} checks the
 * chunk headers and reads one chunk at a time with pxlab's own {@link pxlab.jfr.chunk.ChunkParser}, handing a chunk
 * of a kind it was not made for to the JDK's parser; {@link pxlab.jfr.chunk.RecordingReader} streams every chunk
 * into an {@link pxlab.jfr.EventSink}. A file that cannot be read becomes a {@link pxlab.jfr.RecordingException}
 * with one line that says why.
 */
package pxlab.jfr.chunk;
