package io.mediamesh.gateway.samples;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import java.net.URI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Directory URLs of the demo pages. Static resource handling serves files ({@code /samples/whip/whip.js}) but not
 * a folder's {@code index.html}, so each folder URL gets an explicit route, and the URL without its trailing slash
 * redirects to it (the pages load their scripts by relative path). {@code /} redirects to the samples index.
 */
@Configuration(proxyBeanMethods = false)
class SamplesRoutes {

    private static final String[] FOLDERS = {"/samples/", "/samples/whip/", "/samples/whep/", "/samples/room/",
        "/samples/live/", "/samples/spatial/"};

    @Bean
    RouterFunction<ServerResponse> samplesRouter() {
        RouterFunction<ServerResponse> routes = route(GET("/"), request -> redirect("/samples/"));
        for (String folder : FOLDERS) {
            Resource index = new ClassPathResource("static" + folder + "index.html");
            String withoutSlash = folder.substring(0, folder.length() - 1);
            routes = routes
                    .andRoute(GET(folder), request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML)
                            .bodyValue(index))
                    .andRoute(GET(withoutSlash), request -> redirect(folder));
        }
        return routes;
    }

    private static Mono<ServerResponse> redirect(String path) {
        return ServerResponse.temporaryRedirect(URI.create(path)).build();
    }
}
