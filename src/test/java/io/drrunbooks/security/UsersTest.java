package io.drrunbooks.security;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import static org.assertj.core.api.Assertions.assertThat;

/** Users come from configuration; the demo brings its own; without either the service does not start. */
class UsersTest {

    @EnableConfigurationProperties(UserProperties.class)
    static class Properties {
    }

    private final WebApplicationContextRunner service = new WebApplicationContextRunner().withUserConfiguration(Users.class, Properties.class);

    @Test
    void withoutUsersTheServiceRefusesToStartAndSaysHowToConfigureThem() {
        service.run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("no users are configured")
                    .hasMessageContaining("dr.security.users.<name>.password").hasMessageContaining("{bcrypt}")
                    .hasMessageContaining("dr.security.users.<name>.roles");
        });
    }

    @Test
    void theDemoHasOneUserPerRoleWithItsNameAsPassword() {
        service.withInitializer(context -> context.getEnvironment().setActiveProfiles("demo")).run(context -> {
            InMemoryUserDetailsManager users = context.getBean(InMemoryUserDetailsManager.class);
            PasswordEncoder passwords = context.getBean(PasswordEncoder.class);
            for (String role : Roles.ALL) {
                assertThat(passwords.matches(role, users.loadUserByUsername(role).getPassword())).isTrue();
                assertThat(users.loadUserByUsername(role).getAuthorities()).extracting(Object::toString).containsExactly("ROLE_" + role);
            }
        });
    }

    @Test
    void aConfiguredUserNeedsABcryptHashAndKnownRoles() {
        service.withPropertyValues("dr.security.users.ann.password=plain", "dr.security.users.ann.roles=commander")
                .run(context -> assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("ann")
                        .hasMessageContaining("{bcrypt}"));
        service.withPropertyValues("dr.security.users.ann.password={bcrypt}$2a$04$abc", "dr.security.users.ann.roles=commander")
                .run(context -> assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("ann")
                        .hasMessageContaining("no {bcrypt} password hash"));
        String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("secret");
        service.withPropertyValues("dr.security.users.ann.password=" + hash, "dr.security.users.ann.roles=admin")
                .run(context -> assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("unknown: [admin]"));
        service.withPropertyValues("dr.security.users.ann.password=" + hash, "dr.security.users.ann.roles=commander,approver")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void aRefusalIsReportedAsAShortFailureAnalysisNotAStackTrace() {
        service.run(context -> {
            FailureAnalysis analysis = new UsersFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).startsWith("no users are configured");
            assertThat(analysis.getDescription()).contains("dr.security.users.<name>.password");
            assertThat(analysis.getAction()).contains("demo");
        });
        assertThat(SpringFactoriesLoader.loadFactoryNames(FailureAnalyzer.class, getClass().getClassLoader()))
                .as("registered with Spring Boot").contains(UsersFailureAnalyzer.class.getName());
    }
}
