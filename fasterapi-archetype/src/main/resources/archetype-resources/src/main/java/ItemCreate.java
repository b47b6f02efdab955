package ${package};

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** What a client sends to create an item: no id, the server assigns it. */
public record ItemCreate(@NotBlank @Size(max = 100) String name, @DecimalMin("0.01") double price) {
}
