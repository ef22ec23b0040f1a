package io.drrunbooks.notify;

import io.drrunbooks.audit.AuditTrail;
import io.drrunbooks.engine.RunbookEngine;
import io.drrunbooks.engine.StepHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Wires the notification capability. The steps depend on the paths and the deliveries only, never
 * on the engine, which is built from the steps.
 */
@Configuration(proxyBeanMethods = false)
class NotifyConfiguration {

    @Bean
    EscalationPaths escalationPaths(NotifyProperties properties) {
        return new EscalationPaths(properties);
    }

    @Bean(destroyMethod = "close")
    Deliveries deliveries(NotifyProperties properties, ObjectProvider<JavaMailSender> mail, AuditTrail audit,
                          DataSource dataSource) {
        List<Channel> channels = List.of(new WebhookChannel(properties.notification().timeout()),
                new MailChannel(mail, properties.notification().mailFrom()));
        Map<String, Channel> byName = channels.stream().collect(Collectors.toMap(Channel::name, Function.identity()));
        return new Deliveries(byName, properties.notification(), audit, new PendingDeliveries(dataSource));
    }

    /** What a stopped service left undelivered goes out once the service is up again. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> resumeDeliveries(Deliveries deliveries) {
        return ready -> deliveries.resume();
    }

    @Bean
    Incidents incidents(ObjectProvider<Notifications> notifications, EscalationPaths paths, DataSource dataSource,
                        Clock clock) {
        return new IncidentReports(notifications, paths, dataSource, clock);
    }

    @Bean
    LevelNotifier levelNotifier(EscalationPaths paths, Deliveries deliveries, AuditTrail audit) {
        return new LevelNotifier(paths, deliveries, audit);
    }

    @Bean
    StepHandler notifyContactsStep(LevelNotifier notifier) {
        return StepHandler.of("notify-contacts", notifier::notifyLevel);
    }

    @Bean
    StepHandler escalateLevelStep(LevelNotifier notifier) {
        return StepHandler.of("escalate-level", notifier::escalate);
    }

    @Bean
    Notifications notifications(RunbookEngine engine, EscalationPaths paths, AuditTrail audit, Clock clock,
                                @Value("${dr.drills.notify:false}") boolean notifyDrills) {
        return new Notifications(engine, paths, audit, clock, notifyDrills);
    }

    @Bean
    RunbookAlarm runbookAlarm(Notifications notifications, EscalationPaths paths) {
        return new RunbookAlarm(notifications, paths);
    }
}
