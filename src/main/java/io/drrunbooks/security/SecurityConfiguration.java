package io.drrunbooks.security;

import io.drrunbooks.audit.AuditTrail;
import jakarta.servlet.Filter;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.logout.HttpStatusReturningLogoutSuccessHandler;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.HandlerExceptionResolver;

import java.time.Clock;
import java.util.Map;

/**
 * The console signs in through its login page and keeps a session; scripts send HTTP Basic. Health
 * stays open for monitors, and so does the demo's simulated target health (this service probes it).
 * Which role may start a run or complete a task depends on the run and task, so the web layer checks
 * that; here every API call only needs a signed-in user.
 */
@ConditionalOnWebApplication
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String LOGIN_PAGE = "/login.html";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, UserDetailsService users, PasswordEncoder passwords,
                                            LoginThrottleProperties throttling, AuditTrail audit, Clock clock,
                                            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) throws Exception {
        RequestMatcher api = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
        AuthenticationEntryPoint unauthenticated = new JsonRefusals.Unauthenticated(errors);
        AuthenticationManager signIn = new ThrottledSignIn(passwordCheck(users, passwords),
                new LoginThrottle(throttling, audit, clock));
        http.authenticationManager(signIn).authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/demo/health/**").permitAll()
                        .requestMatchers(LOGIN_PAGE, "/login.js", "/console.css", "/favicon.ico", "/error").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage(LOGIN_PAGE).loginProcessingUrl("/login")
                        .failureHandler(loginFailure()).defaultSuccessUrl("/", true))
                .logout(logout -> logout.logoutUrl("/logout")
                        .logoutSuccessHandler(new HttpStatusReturningLogoutSuccessHandler(HttpStatus.NO_CONTENT)))
                .addFilterBefore(new BasicSignIn(signIn, unauthenticated), CsrfFilter.class)
                .exceptionHandling(handling -> handling
                        .defaultAuthenticationEntryPointFor(unauthenticated, api)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE), request -> true)
                        .accessDeniedHandler(new JsonRefusals.Forbidden(errors, unauthenticated)))
                // the console sends the token from the XSRF-TOKEN cookie as a header; a script whose Basic
                // credentials signed this very request in needs none: even a browser that replays cached Basic
                // credentials cannot be made to post JSON, the only body the API takes, from another site
                .csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .ignoringRequestMatchers(BasicSignIn::signedIn))
                .addFilterAfter(issueCsrfCookie(), CsrfFilter.class);
        return http.build();
    }

    /** A path the firewall refuses (an encoded slash, {@code ..}) is answered as the API's JSON 400. */
    @Bean
    RequestRejectedHandler requestRejected(@Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) {
        return (request, response, refused) -> errors.resolveException(request, response, null, refused);
    }

    /** One check of user and password for the login page and HTTP Basic alike. */
    private static AuthenticationManager passwordCheck(UserDetailsService users, PasswordEncoder passwords) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(passwords);
        return new ProviderManager(provider);
    }

    /** The login page says whether the password was wrong or the sign-in was throttled. */
    private static AuthenticationFailureHandler loginFailure() {
        ExceptionMappingAuthenticationFailureHandler failure = new ExceptionMappingAuthenticationFailureHandler();
        failure.setDefaultFailureUrl(LOGIN_PAGE + "?error");
        failure.setExceptionMappings(Map.of(LoginThrottledException.class.getName(), LOGIN_PAGE + "?throttled"));
        return failure;
    }

    /** The token is loaded lazily; loading it on every request is what writes the cookie the console reads. */
    private static Filter issueCsrfCookie() {
        return (request, response, chain) -> {
            if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
                token.getToken();
            }
            chain.doFilter(request, response);
        };
    }
}
