package pxlab.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.RuleRegistry;
import org.openjdk.jmc.flightrecorder.rules.Severity;
import org.openjdk.jmc.flightrecorder.rules.TypedResult;
import org.openjdk.jmc.flightrecorder.rules.report.html.JfrHtmlRulesReport;
import org.openjdk.jmc.flightrecorder.rules.util.JfrRuleTopics;

/** The four rules together in JMC's registry and reports, and the no-contention and no-lock-event cases. */
class JmcReportIT {

    static final List<String> IDS = List.of("PxlabPriorityInversion", "PxlabProxyExecutionBenefit",
            "PxlabBlockingChains", "PxlabSleepingOwner");

    @Test
    void jmcsRegistryFindsTheFourRulesOnTheLockInstancesPage() {
        for (String id : IDS) {
            var rule = RuleRegistry.getRules().stream().filter(r -> r.getId().equals(id)).findFirst();
            assertTrue(rule.isPresent(), id);
            assertEquals(JfrRuleTopics.LOCK_INSTANCES, rule.get().getTopic());
            assertTrue(rule.get().getResults().contains(TypedResult.SCORE), id);
        }
    }

    @Test
    void noContentionIsOkWithScoreZero() throws Exception {
        Map<String, IResult> results = Recordings.evaluate(Recordings.calm(), null);
        for (String id : IDS) {
            IResult r = results.get(id);
            assertEquals(Severity.OK, r.getSeverity(), id + ": " + Recordings.summary(r));
            assertEquals(0, r.getResult(TypedResult.SCORE).doubleValue(), id);
        }
    }

    @Test
    void aRecordingWithoutLockEventsIsNotApplicable() throws Exception {
        Map<String, IResult> results = Recordings.evaluate(Recordings.noLockEvents(), null);
        for (String id : IDS) {
            IResult r = results.get(id);
            assertEquals(Severity.NA, r.getSeverity(), id + ": " + Recordings.summary(r));
            assertTrue(Recordings.summary(r).startsWith("The recording has no lock events"), Recordings.summary(r));
        }
    }

    @Test
    void jmcsHtmlReportCarriesThePxlabResults() throws Exception {
        String html = JfrHtmlRulesReport.createReport(Recordings.hogs());
        assertTrue(html.contains("Priority Inversions (pxlab)"));
        assertTrue(html.contains("chain-a -&gt; chain-b -&gt; chain-c"), "recorded names are escaped by JMC");
        assertFalse(html.contains("chain-a -> chain-b"));
        assertFalse(html.contains("!PriorityInversionRule_"), "every message key resolves");
    }

    @Test
    void recordedNamesCannotInjectMarkupIntoJmcsHtml() throws Exception {
        IResult r = Recordings.result(Recordings.hostileNames(), "PxlabSleepingOwner");
        assertEquals(Recordings.HOSTILE_OWNER, r.getResult(SleepingOwnerRule.WORST_OWNER), Recordings.summary(r));
        String html = JfrHtmlRulesReport.createReport(Recordings.hostileNames());
        assertTrue(html.contains("Sleeping Lock Owners (pxlab)"));
        assertFalse(html.contains(Recordings.HOSTILE_OWNER), "raw owner name");
        assertFalse(html.contains(Recordings.HOSTILE_WAITER), "raw waiter name");
        assertTrue(html.contains("&lt;img src=x onerror=alert(2)&gt;") || html.contains("&lt;img src&#61;x"), "escaped");
    }

    @Test
    void everyRuleAnswersOnEveryRecording() throws Exception {
        for (var items : List.of(Recordings.hogs(), Recordings.quiet(), Recordings.jdk())) {
            Map<String, IResult> results = Recordings.evaluate(items, null);
            for (String id : IDS) {
                IResult r = results.get(id);
                assertTrue(r.getSeverity() != Severity.NA, id);
                assertTrue(r.getResult(TypedResult.SCORE) != null, id);
                assertFalse(Recordings.summary(r).contains("{"), "no placeholder left: " + Recordings.summary(r));
                assertFalse(String.valueOf(Recordings.explanation(r)).contains("{"), Recordings.explanation(r));
            }
        }
    }
}
