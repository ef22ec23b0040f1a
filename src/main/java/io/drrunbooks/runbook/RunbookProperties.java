package io.drrunbooks.runbook;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code dr.runbooks.<id>.*}, {@code dr.rto-warning-share} and {@code dr.supporting-processes}. */
@ConfigurationProperties("dr")
public class RunbookProperties {

    private Map<String, Settings> runbooks = new LinkedHashMap<>();
    /** Deployed processes that are not runbooks (schedules, escalations): no RTO, not listed as runs. */
    private List<String> supportingProcesses = new ArrayList<>();
    /** The share of a run's RTO after which the run warns (the RTO timer's first stage). */
    private double rtoWarningShare = 0.8;

    public Map<String, Settings> getRunbooks() { return runbooks; }
    public void setRunbooks(Map<String, Settings> runbooks) { this.runbooks = runbooks; }
    public List<String> getSupportingProcesses() { return supportingProcesses; }
    public void setSupportingProcesses(List<String> supportingProcesses) { this.supportingProcesses = supportingProcesses; }
    public double getRtoWarningShare() { return rtoWarningShare; }
    public void setRtoWarningShare(double rtoWarningShare) { this.rtoWarningShare = rtoWarningShare; }

    /** One runbook's objectives and defaults. */
    public static class Settings {
        private Duration rto;
        private Duration rpo;
        /** The data sets the runbook restores unless a run names others. */
        private List<String> dataSets = new ArrayList<>();
        /** How many distinct approvers each approval task of the runbook needs. */
        private int approvals = 1;

        public Duration getRto() { return rto; }
        public void setRto(Duration rto) { this.rto = rto; }
        public Duration getRpo() { return rpo; }
        public void setRpo(Duration rpo) { this.rpo = rpo; }
        public List<String> getDataSets() { return dataSets; }
        public void setDataSets(List<String> dataSets) { this.dataSets = dataSets; }
        public int getApprovals() { return approvals; }
        public void setApprovals(int approvals) { this.approvals = approvals; }
    }
}
