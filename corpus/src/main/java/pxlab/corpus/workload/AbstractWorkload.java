package pxlab.corpus.workload;

/**
 * A workload whose name and summary are fixed: each subclass gives them once, to its constructor, and writes only
 * its {@link #run}, so the file shows the workload's pattern and little else.
 */
abstract class AbstractWorkload implements Workload {

    private final String name;
    private final String summary;

    /**
     * Names the workload.
     *
     * @param name    The name the harness and the command line use.
     * @param summary What it does and plants, in one line.
     */
    AbstractWorkload(String name, String summary) {
        this.name = name;
        this.summary = summary;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String summary() {
        return summary;
    }
}
