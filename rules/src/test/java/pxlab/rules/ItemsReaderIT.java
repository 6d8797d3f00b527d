package pxlab.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmc.common.item.IItemCollection;
import pxlab.inversion.ClassifiedWait;
import pxlab.inversion.InversionFinder;
import pxlab.testsupport.InversionRecordings;
import pxlab.trace.Trace;

/**
 * The rules run over the same library as {@code pxlab analyze}: the trace {@link ItemsReader} builds from JMC's
 * items must classify every wait as the trace the analyzer reads from the file itself does.
 */
class ItemsReaderIT {

    @Test
    void agentRecordingWithPreemptedOwnersAndAChain() throws Exception {
        assertSameAnalysis(InversionRecordings.hogs(), Recordings.hogs());
    }

    @Test
    void agentRecordingWithSleepingAndRunningOwners() throws Exception {
        assertSameAnalysis(InversionRecordings.quiet(), Recordings.quiet());
    }

    @Test
    void recordingWithoutTheAgent() throws Exception {
        assertSameAnalysis(InversionRecordings.jdk(), Recordings.jdk());
    }

    private static void assertSameAnalysis(Path file, IItemCollection items) throws Exception {
        Trace fromFile = Trace.read(file);
        LockModel fromJmc = LockModel.of(items);
        assertEquals(fromFile.coverage(), fromJmc.trace().coverage());
        assertEquals(fromFile.threads().size(), fromJmc.trace().threads().size());
        assertEquals(describe(InversionFinder.find(fromFile).waits()), describe(fromJmc.found().waits()));
    }

    private static List<String> describe(List<ClassifiedWait> waits) {
        return waits.stream().map(c -> c.lockWait().waiter() + " " + c.owner() + " " + c.lockWait().lock().name() + " "
                + c.lockWait().startNs() + "-" + c.lockWait().endNs() + " " + c.waitClass() + " " + c.evidence() + " "
                + c.ownerTime() + " " + c.waiterContext() + " " + c.ownerContext() + " " + c.chain().size() + " "
                + c.lockWait().stack()).toList();
    }
}
