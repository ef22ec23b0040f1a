package io.drrunbooks.web;

import io.drrunbooks.security.Roles;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import java.util.Collection;
import java.util.List;

/**
 * The signed-in user's roles against what a request does. The role depends on the run or task the
 * request names, which only the controller knows; a refusal says which role was missing.
 */
final class Caller {

    private static final String PREFIX = "ROLE_";

    private Caller() {
    }

    static List<String> roles(Authentication caller) {
        return caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith(PREFIX)).map(authority -> authority.substring(PREFIX.length())).toList();
    }

    /** Refuses unless the caller holds one of the roles; {@code what} completes "may not ...". */
    static void requireOneOf(Authentication caller, Collection<String> roles, String what) {
        if (roles(caller).stream().noneMatch(roles::contains)) {
            throw ApiException.forbidden(caller.getName() + " may not " + what + ": that needs the role "
                    + String.join(" or ", roles) + ", and " + caller.getName() + " has " + roles(caller));
        }
    }

    static void requireStarterOf(Authentication caller, String runbook, String what) {
        requireOneOf(caller, List.of(Roles.starterOf(runbook)), what);
    }
}
