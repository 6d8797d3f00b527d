package pxlab.samples;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A Jetty handler answering from a price list that a background updater recomputes under the same lock: the
 * application code a real server runs on its request threads ({@code qtp...}).
 */
public final class PriceHandler extends Handler.Abstract {

    private final ReentrantLock lock = new ReentrantLock();
    private long version;

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long v;
        lock.lock();
        try {
            v = version;
        } finally {
            lock.unlock();
        }
        response.write(true, ByteBuffer.wrap(("prices v" + v).getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    /** Returns how many updates ran. */
    long updates() {
        lock.lock();
        try {
            return version;
        } finally {
            lock.unlock();
        }
    }

    /** Recomputes the prices, computing for {@code cpuNs} while holding the lock. */
    void update(long cpuNs) {
        lock.lock();
        try {
            Work.cpu(cpuNs);
            version++;
        } finally {
            lock.unlock();
        }
    }
}
