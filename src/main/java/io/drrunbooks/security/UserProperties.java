package io.drrunbooks.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code dr.security.users.<name>.password} (a {@code {bcrypt}} hash) and {@code .roles}. */
@ConfigurationProperties("dr.security")
class UserProperties {

    private Map<String, User> users = new LinkedHashMap<>();

    public Map<String, User> getUsers() { return users; }
    public void setUsers(Map<String, User> users) { this.users = users; }

    /** One configured user. */
    static class User {
        private String password;
        private List<String> roles = new ArrayList<>();

        public String getPassword() { return password; }
        public void setPassword(String password) { this.password = password; }
        public List<String> getRoles() { return roles; }
        public void setRoles(List<String> roles) { this.roles = roles; }
    }
}
