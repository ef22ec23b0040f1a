package io.drrunbooks.demo;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's log offers "sign in as commander/commander" only where that sign-in works. */
class DemoSignInsTest {

    private final PasswordEncoder passwords = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @Test
    void configuredUsersWithOtherPasswordsOfferNoDemoSignIn() {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(
                User.withUsername("commander").password(passwords.encode("s3cret-phrase")).roles("x").build(),
                User.withUsername("alice").password(passwords.encode("alice")).roles("x").build());

        assertThat(new DemoSignIns(users, passwords).working()).isEmpty();
    }

    @Test
    void eachRoleNamedUserWithItsOwnNameAsPasswordIsOffered() {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(
                User.withUsername("commander").password(passwords.encode("commander")).roles("x").build(),
                User.withUsername("auditor").password(passwords.encode("auditor")).roles("x").build());

        assertThat(new DemoSignIns(users, passwords).working()).containsExactly("commander/commander", "auditor/auditor");
    }
}
