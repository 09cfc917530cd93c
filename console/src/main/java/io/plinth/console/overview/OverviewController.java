package io.plinth.console.overview;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.reactive.result.view.Rendering;

/** The console's front page: where each section is. */
@Controller
class OverviewController {

    @GetMapping({"/console", "/console/"})
    Rendering overview() {
        return Rendering.view("overview").build();
    }
}
