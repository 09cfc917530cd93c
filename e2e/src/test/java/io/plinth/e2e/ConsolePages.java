package io.plinth.e2e;

import java.net.URI;
import java.net.URL;

import org.htmlunit.BrowserVersion;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;

/** The admin console in a headless browser (HtmlUnit), for scenarios that look at a page in passing. */
final class ConsolePages implements AutoCloseable {

    private final URI gateway;
    private final WebClient browser = new WebClient(BrowserVersion.FIREFOX);

    ConsolePages(URI gateway) {
        this.gateway = gateway;
        browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
        browser.getOptions().setThrowExceptionOnScriptError(true);
        browser.getOptions().setCssEnabled(false);
        browser.getOptions().setTimeout(30_000);
    }

    /** Signs in and returns the page it lands on (the Overview, for an admin). */
    HtmlPage signIn(String email, String password) throws Exception {
        HtmlPage login = browser.getPage(new URL(gateway.resolve("/console/login").toString()));
        login.<HtmlInput>getHtmlElementById("email").setValue(email);
        login.<HtmlInput>getHtmlElementById("password").setValue(password);
        return login.<org.htmlunit.html.HtmlElement>querySelector("main form button[type=submit]").click();
    }

    @Override
    public void close() {
        browser.close();
    }
}
