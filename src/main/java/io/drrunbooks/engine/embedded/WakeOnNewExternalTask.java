package io.drrunbooks.engine.embedded;

import org.operaton.bpm.engine.delegate.ExecutionListener;
import org.operaton.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.operaton.bpm.engine.impl.cfg.TransactionState;
import org.operaton.bpm.engine.impl.context.Context;
import org.operaton.bpm.engine.impl.pvm.process.ActivityImpl;
import org.operaton.bpm.engine.impl.pvm.process.ScopeImpl;
import org.operaton.bpm.engine.impl.util.xml.Element;

/**
 * Makes the dispatcher fetch as soon as a transaction that entered a service task commits, so a
 * new step starts within milliseconds instead of at the next poll. The wake-up is deferred to the
 * commit because before it the external task is not visible to the dispatcher's query.
 */
final class WakeOnNewExternalTask extends AbstractBpmnParseListener {

    private final ExecutionListener wakeAfterCommit;

    WakeOnNewExternalTask(Runnable wake) {
        this.wakeAfterCommit = execution -> Context.getCommandContext().getTransactionContext()
                .addTransactionListener(TransactionState.COMMITTED, commandContext -> wake.run());
    }

    @Override
    public void parseServiceTask(Element serviceTaskElement, ScopeImpl scope, ActivityImpl activity) {
        activity.addListener(ExecutionListener.EVENTNAME_START, wakeAfterCommit);
    }
}
