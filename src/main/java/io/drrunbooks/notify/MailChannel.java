package io.drrunbooks.notify;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/** SMTP through Spring Boot's mail starter; without {@code spring.mail.host} every e-mail fails, and says why. */
final class MailChannel implements Channel {

    private final ObjectProvider<JavaMailSender> sender;
    private final String from;

    MailChannel(ObjectProvider<JavaMailSender> sender, String from) {
        this.sender = sender;
        this.from = from;
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public void send(Message message, String target) {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) {
            throw new IllegalStateException("no SMTP server configured: set spring.mail.host");
        }
        SimpleMailMessage email = new SimpleMailMessage();
        email.setFrom(from);
        email.setTo(target);
        email.setSubject("[" + message.issueType() + "] " + message.subject());
        email.setText(message.text());
        mail.send(email);
    }
}
