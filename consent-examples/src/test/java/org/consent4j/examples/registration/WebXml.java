package org.consent4j.examples.registration;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.EventListener;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Applies the parts of a {@code web.xml} the examples use (listeners, filters with init-params and
 * dispatchers, servlets and their mappings) to a Jetty context, as a container deploying the WAR would.
 */
final class WebXml {

    private WebXml() {
    }

    static ServletContextHandler context(Path webXml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = factory.newDocumentBuilder().parse(webXml.toFile());
        ServletContextHandler context = new ServletContextHandler("/");

        for (Element listener : children(doc.getDocumentElement(), "listener")) {
            context.addEventListener((EventListener) instance(text(listener, "listener-class")));
        }
        Map<String, FilterHolder> filters = new HashMap<>();
        for (Element f : children(doc.getDocumentElement(), "filter")) {
            FilterHolder holder = new FilterHolder((Filter) instance(text(f, "filter-class")));
            holder.setName(text(f, "filter-name"));
            holder.setAsyncSupported(Boolean.parseBoolean(optionalText(f, "async-supported")));
            for (Element p : children(f, "init-param")) {
                holder.setInitParameter(text(p, "param-name"), text(p, "param-value"));
            }
            filters.put(holder.getName(), holder);
        }
        for (Element m : children(doc.getDocumentElement(), "filter-mapping")) {
            EnumSet<DispatcherType> dispatchers = EnumSet.noneOf(DispatcherType.class);
            for (Element d : children(m, "dispatcher")) {
                dispatchers.add(DispatcherType.valueOf(d.getTextContent().trim().toUpperCase(Locale.ROOT)));
            }
            FilterHolder holder = filters.get(text(m, "filter-name"));
            context.addFilter(holder, text(m, "url-pattern"), dispatchers.isEmpty() ? EnumSet.of(DispatcherType.REQUEST) : dispatchers);
        }
        Map<String, ServletHolder> servlets = new HashMap<>();
        for (Element s : children(doc.getDocumentElement(), "servlet")) {
            ServletHolder holder = new ServletHolder((Servlet) instance(text(s, "servlet-class")));
            holder.setName(text(s, "servlet-name"));
            servlets.put(holder.getName(), holder);
        }
        for (Element m : children(doc.getDocumentElement(), "servlet-mapping")) {
            context.addServlet(servlets.get(text(m, "servlet-name")), text(m, "url-pattern"));
        }
        return context;
    }

    private static Object instance(String className) throws Exception {
        return Class.forName(className).getDeclaredConstructor().newInstance();
    }

    private static java.util.List<Element> children(Element parent, String name) {
        java.util.List<Element> list = new java.util.ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && e.getLocalName().equals(name)) {
                list.add(e);
            }
        }
        return list;
    }

    private static String text(Element parent, String name) {
        java.util.List<Element> list = children(parent, name);
        if (list.size() != 1) {
            throw new IllegalArgumentException("<" + parent.getLocalName() + "> needs exactly one <" + name + ">");
        }
        return list.get(0).getTextContent().trim();
    }

    private static String optionalText(Element parent, String name) {
        java.util.List<Element> list = children(parent, name);
        return list.isEmpty() ? "" : list.get(0).getTextContent().trim();
    }
}
