package pxlab.samples;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A real Jetty server whose request threads contend with a nice-19 background price updater, preempted by CPU hogs
 * while it holds the handler's lock; two in-process clients send requests. Arguments: duration in seconds.
 * Prints the usual RESULT line (latency seen by the clients).
 */
public final class JettyApp {

    private JettyApp() {
    }

    public static void main(String[] args) throws Exception {
        PriceHandler handler = new PriceHandler();
        Server server = new Server(new QueuedThreadPool(16, 4));
        ServerConnector connector = new ServerConnector(server);
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(handler);
        server.start();
        URI uri = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/prices");
        HttpClient client = HttpClient.newHttpClient();
        // Warm up first: loading and instrumenting Jetty's and the client's classes under the hogs takes seconds.
        for (int i = 0; i < 200; i++) {
            client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        }
        long end = System.nanoTime() + Long.parseLong(args[0]) * 1_000_000_000L;
        CountDownLatch ready = new CountDownLatch(1);
        Thread updater = Work.daemon("price-updater", () -> {
            handler.update(0);
            OsThread.renice(19);
            ready.countDown();
            while (System.nanoTime() < end) {
                Work.sleep(150_000_000L);
                handler.update(2_000_000L);
            }
        });
        ready.await();
        Work.hogs(2 * Runtime.getRuntime().availableProcessors(), end);
        Latencies latencies = new Latencies();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            clients.add(Work.daemon("client-" + i, () -> {
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    try {
                        client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    latencies.record(System.nanoTime() - start);
                    Work.sleep(2_000_000L);
                }
            }));
        }
        for (Thread t : clients) t.join();
        updater.join();
        server.stop();
        System.out.println(latencies.result("jetty", "updates=" + handler.updates()));
    }

}
