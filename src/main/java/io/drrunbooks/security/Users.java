package io.drrunbooks.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The users, from configuration only: a recovery tool must not depend on a directory service that
 * may be down with everything else. The demo mode brings its own four users; anywhere else a
 * service without users refuses to start, since nobody could use it. Only a web server has users:
 * the command line and a context without one sign nobody in.
 */
@ConditionalOnWebApplication
@Configuration(proxyBeanMethods = false)
class Users {

    static final String HOW_TO_CONFIGURE = "set dr.security.users.<name>.password to a {bcrypt} hash (for example"
            + " the output of: htpasswd -bnBC 10 '' 'the password' | tr -d ':\\n', prefixed with {bcrypt}) and"
            + " dr.security.users.<name>.roles to a list of " + Roles.CONFIGURABLE;

    /** {bcrypt} then a bcrypt hash: version, cost, and 53 characters of salt and hash. */
    private static final Pattern BCRYPT = Pattern.compile("\\{bcrypt}\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");

    private static final Logger log = LoggerFactory.getLogger(Users.class);

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    InMemoryUserDetailsManager userDetailsService(UserProperties properties, Environment environment) {
        Map<String, UserProperties.User> configured = properties.getUsers();
        if (configured.isEmpty() && environment.acceptsProfiles(Profiles.of("demo"))) {
            return new InMemoryUserDetailsManager(demoUsers());
        }
        if (configured.isEmpty()) {
            throw new UsersMisconfigured("no users are configured, so nobody could sign in: " + HOW_TO_CONFIGURE);
        }
        List<UserDetails> users = new ArrayList<>();
        configured.forEach((name, user) -> users.add(checked(name, user)));
        return new InMemoryUserDetailsManager(users);
    }

    private static UserDetails checked(String name, UserProperties.User user) {
        if (user.getPassword() == null || !BCRYPT.matcher(user.getPassword()).matches()) {
            throw new UsersMisconfigured("user '" + name + "' has no {bcrypt} password hash (a mistyped or cut hash"
                    + " would lock the user out without a word): " + HOW_TO_CONFIGURE);
        }
        List<String> unknown = user.getRoles().stream().filter(role -> !Roles.CONFIGURABLE.contains(role)).toList();
        if (user.getRoles().isEmpty() || !unknown.isEmpty()) {
            throw new UsersMisconfigured("user '" + name + "' needs roles among " + Roles.CONFIGURABLE
                    + (unknown.isEmpty() ? "" : "; unknown: " + unknown));
        }
        return User.withUsername(name).password(user.getPassword())
                .authorities(user.getRoles().stream().map(Roles::authority).toArray(String[]::new)).build();
    }

    /** One user per role, named after it, with its own name as password: only for trying the service out. */
    private static List<UserDetails> demoUsers() {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
        List<UserDetails> users = Roles.ALL.stream().map(role -> User.withUsername(role)
                .password("{bcrypt}" + bcrypt.encode(role)).authorities(Roles.authority(role)).build()).toList();
        log.info("demo: created the users {}, each with its own name as password (and the role of that name)", Roles.ALL);
        return users;
    }
}
