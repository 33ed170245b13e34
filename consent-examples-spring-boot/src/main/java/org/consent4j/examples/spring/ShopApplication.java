package org.consent4j.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

// tag::application[]
/**
 * A Spring Boot shop that adds consent4j with nothing but the starter dependency and the property
 * {@code consent4j.keys}: no bean of its own. Run it with the keys in the environment:
 * {@code CONSENT4J_KEYS=k1:<32 random bytes, base64url> java -jar shop.jar}.
 */
@SpringBootApplication
public class ShopApplication {

    public static void main(String[] args) {
        SpringApplication.run(ShopApplication.class, args);
    }
}
// end::application[]
