package io.drrunbooks;

import io.drrunbooks.cli.Cli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import java.util.Arrays;

/**
 * One jar, two faces: {@code backup}, {@code restore}, {@code verify} and {@code list} run the
 * command line without starting a server; no command, {@code serve}, or options alone start the
 * service; an unknown command is refused (exit 2) without starting anything.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DrRunbooksApplication {

    public static void main(String[] args) {
        if (!Cli.startsService(args)) {
            // before the first logger exists: a command's stdout is its result, its logs go to stderr
            System.setProperty("logback.configurationFile", Cli.LOGGING);
            System.exit(Cli.run(args));
        }
        String[] serviceArgs = args.length > 0 && args[0].equals(Cli.SERVE) ? Arrays.copyOfRange(args, 1, args.length) : args;
        SpringApplication.run(DrRunbooksApplication.class, serviceArgs);
    }
}
