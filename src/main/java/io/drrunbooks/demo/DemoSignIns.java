package io.drrunbooks.demo;

import io.drrunbooks.security.Roles;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.List;

/**
 * The demo's sign-ins (each role's name as user and password) that work here: all four when the demo
 * made its own users, some or none when users are configured, so the log never offers one that fails.
 */
class DemoSignIns {

    private final UserDetailsService users;
    private final PasswordEncoder passwords;

    DemoSignIns(UserDetailsService users, PasswordEncoder passwords) {
        this.users = users;
        this.passwords = passwords;
    }

    /** {@code user/password} pairs, commander first. */
    List<String> working() {
        return Roles.ALL.stream().filter(this::signsInWithOwnName).map(role -> role + "/" + role).toList();
    }

    private boolean signsInWithOwnName(String name) {
        try {
            return passwords.matches(name, users.loadUserByUsername(name).getPassword());
        } catch (UsernameNotFoundException absent) {
            return false;
        }
    }
}
