package pxlab.rules.messages.internal;

import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The text users read, from {@code messages.properties} beside this class; keys are constants so a typo fails to
 * compile. Placeholders such as {@code {inversionTime}} are the ids of the rules' typed results, filled in by JMC.
 *
 * <p><b>Note</b>: the bundle is loaded through this class's own class loader, which inside the JMC desktop is the
 * pxlab bundle's, not the context class loader.
 */
public final class Messages {

    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle(
            "pxlab.rules.messages.internal.messages", java.util.Locale.ROOT, Messages.class.getClassLoader());

    public static final String CONFIG_MIN_WAIT = "CONFIG_MIN_WAIT";
    public static final String CONFIG_MIN_WAIT_LONG = "CONFIG_MIN_WAIT_LONG";
    public static final String CONFIG_EXCLUDED_THREADS = "CONFIG_EXCLUDED_THREADS";
    public static final String CONFIG_EXCLUDED_THREADS_LONG = "CONFIG_EXCLUDED_THREADS_LONG";
    public static final String TEXT_NA = "TEXT_NA";
    public static final String TEXT_NO_WAITS = "TEXT_NO_WAITS";
    public static final String TEXT_BAD_REGEXP = "TEXT_BAD_REGEXP";
    public static final String TEXT_MIN_WAIT = "TEXT_MIN_WAIT";
    public static final String TEXT_EXCLUDED = "TEXT_EXCLUDED";

    public static final String PriorityInversionRule_RULE_NAME = "PriorityInversionRule_RULE_NAME";
    public static final String PriorityInversionRule_TEXT_OK = "PriorityInversionRule_TEXT_OK";
    public static final String PriorityInversionRule_TEXT_UNKNOWN = "PriorityInversionRule_TEXT_UNKNOWN";
    public static final String PriorityInversionRule_TEXT_UNKNOWN_LONG = "PriorityInversionRule_TEXT_UNKNOWN_LONG";
    public static final String PriorityInversionRule_TEXT_INFO = "PriorityInversionRule_TEXT_INFO";
    public static final String PriorityInversionRule_TEXT_INFO_LONG = "PriorityInversionRule_TEXT_INFO_LONG";
    public static final String PriorityInversionRule_TEXT_SOLUTION = "PriorityInversionRule_TEXT_SOLUTION";

    public static final String ProxyExecutionBenefitRule_RULE_NAME = "ProxyExecutionBenefitRule_RULE_NAME";
    public static final String ProxyExecutionBenefitRule_CONFIG_WINDOW = "ProxyExecutionBenefitRule_CONFIG_WINDOW";
    public static final String ProxyExecutionBenefitRule_CONFIG_WINDOW_LONG = "ProxyExecutionBenefitRule_CONFIG_WINDOW_LONG";
    public static final String ProxyExecutionBenefitRule_TEXT_OK = "ProxyExecutionBenefitRule_TEXT_OK";
    public static final String ProxyExecutionBenefitRule_TEXT_UNKNOWN = "ProxyExecutionBenefitRule_TEXT_UNKNOWN";
    public static final String ProxyExecutionBenefitRule_TEXT_NOT_REPLAYED = "ProxyExecutionBenefitRule_TEXT_NOT_REPLAYED";
    public static final String ProxyExecutionBenefitRule_TEXT_INFO = "ProxyExecutionBenefitRule_TEXT_INFO";
    public static final String ProxyExecutionBenefitRule_TEXT_NO_CUT = "ProxyExecutionBenefitRule_TEXT_NO_CUT";
    public static final String ProxyExecutionBenefitRule_TEXT_NOTHING_TO_COMPARE = "ProxyExecutionBenefitRule_TEXT_NOTHING_TO_COMPARE";
    public static final String ProxyExecutionBenefitRule_TEXT_WITHHELD = "ProxyExecutionBenefitRule_TEXT_WITHHELD";
    public static final String ProxyExecutionBenefitRule_TEXT_INFO_LONG = "ProxyExecutionBenefitRule_TEXT_INFO_LONG";
    public static final String ProxyExecutionBenefitRule_TEXT_REQUESTS = "ProxyExecutionBenefitRule_TEXT_REQUESTS";
    public static final String ProxyExecutionBenefitRule_TEXT_SOLUTION = "ProxyExecutionBenefitRule_TEXT_SOLUTION";

    public static final String BlockingChainsRule_RULE_NAME = "BlockingChainsRule_RULE_NAME";
    public static final String BlockingChainsRule_TEXT_OK = "BlockingChainsRule_TEXT_OK";
    public static final String BlockingChainsRule_TEXT_INFO = "BlockingChainsRule_TEXT_INFO";
    public static final String BlockingChainsRule_TEXT_INFO_LONG = "BlockingChainsRule_TEXT_INFO_LONG";
    public static final String BlockingChainsRule_TEXT_DEADLOCK = "BlockingChainsRule_TEXT_DEADLOCK";
    public static final String BlockingChainsRule_TEXT_SOLUTION = "BlockingChainsRule_TEXT_SOLUTION";

    public static final String SleepingOwnerRule_RULE_NAME = "SleepingOwnerRule_RULE_NAME";
    public static final String SleepingOwnerRule_TEXT_OK = "SleepingOwnerRule_TEXT_OK";
    public static final String SleepingOwnerRule_TEXT_INFO = "SleepingOwnerRule_TEXT_INFO";
    public static final String SleepingOwnerRule_TEXT_INFO_LONG = "SleepingOwnerRule_TEXT_INFO_LONG";
    public static final String SleepingOwnerRule_TEXT_SOLUTION = "SleepingOwnerRule_TEXT_SOLUTION";
    public static final String SleepingOwnerRule_TEXT_NO_HOLD = "SleepingOwnerRule_TEXT_NO_HOLD";

    private Messages() {
    }

    /**
     * Returns a message.
     *
     * @param key One of this class's constants.
     * @return The text, or {@code !key!} when the bundle lacks it (as JMC's own Messages do).
     */
    public static String getString(String key) {
        try {
            return BUNDLE.getString(key);
        } catch (MissingResourceException e) {
            return '!' + key + '!';
        }
    }
}
