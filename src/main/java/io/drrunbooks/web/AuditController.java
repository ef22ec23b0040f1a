package io.drrunbooks.web;

import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.audit.ChainCheck;
import io.drrunbooks.notify.Incidents;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/audit/verify}: every run's chain recomputed; the broken ones first, each reported as a security incident. */
@RestController
@RequestMapping("/api/audit")
class AuditController {

    private final AuditTrail audit;
    private final Incidents incidents;

    AuditController(AuditTrail audit, Incidents incidents) {
        this.audit = audit;
        this.incidents = incidents;
    }

    @GetMapping("/verify")
    Map<String, Object> verify() {
        List<ChainCheck> checks = audit.checkAll();
        List<ChainCheck> broken = checks.stream().filter(c -> !c.intact()).toList();
        broken.forEach(incidents::chainBroken);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("intact", broken.isEmpty());
        result.put("runs", checks.size());
        result.put("broken", broken);
        return result;
    }
}
