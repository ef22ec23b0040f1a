package io.drrunbooks;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class DrRunbooksApplication {

    public static void main(String[] args) {
        SpringApplication.run(DrRunbooksApplication.class, args);
    }
}
