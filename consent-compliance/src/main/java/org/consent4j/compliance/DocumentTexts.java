package org.consent4j.compliance;

import java.util.Map;

/** The documents' own words in the languages the banner speaks; English where a language lacks one. */
final class DocumentTexts {

    private static final Map<String, Map<String, String>> TEXTS = Map.ofEntries(
            entry("title", "Record of processing activities", "Registre des activités de traitement",
                    "Verzeichnis von Verarbeitungstätigkeiten", "Registro de actividades de tratamiento"),
            entry("draft", "Draft generated on %s from catalog revision %s and inventory %s (GDPR Art. 30(1)). Review every entry before use.",
                    "Projet généré le %s à partir de la révision de catalogue %s et de l'inventaire %s (RGPD, art. 30, par. 1). Vérifiez chaque entrée avant usage.",
                    "Entwurf vom %s aus Katalogrevision %s und Inventar %s (Art. 30 Abs. 1 DSGVO). Prüfen Sie jeden Eintrag vor der Verwendung.",
                    "Borrador generado el %s a partir de la revisión de catálogo %s y del inventario %s (art. 30.1 RGPD). Revise cada entrada antes de usarlo."),
            entry("controller", "Controller", "Responsable du traitement", "Verantwortlicher", "Responsable del tratamiento"),
            entry("name", "Name", "Nom", "Name", "Nombre"),
            entry("contact", "Contact", "Contact", "Kontakt", "Contacto"),
            entry("dpo", "Data protection officer", "Délégué à la protection des données", "Datenschutzbeauftragter",
                    "Delegado de protección de datos"),
            entry("representative", "Representative", "Représentant", "Vertreter", "Representante"),
            entry("todo", "to be completed", "à compléter", "zu ergänzen", "por completar"),
            entry("field", "Field", "Rubrique", "Angabe", "Campo"),
            entry("value", "Value", "Valeur", "Wert", "Valor"),
            entry("activities", "Processing activities", "Activités de traitement", "Verarbeitungstätigkeiten",
                    "Actividades de tratamiento"),
            entry("purpose", "Purpose", "Finalité", "Zweck", "Finalidad"),
            entry("legalBasis", "Legal basis", "Base légale", "Rechtsgrundlage", "Base jurídica"),
            entry("dataSubjects", "Data subjects", "Personnes concernées", "Betroffene Personen", "Interesados"),
            entry("dataCategories", "Personal data", "Données personnelles", "Personenbezogene Daten", "Datos personales"),
            entry("recipients", "Recipients", "Destinataires", "Empfänger", "Destinatarios"),
            entry("transfers", "Transfers outside the EEA", "Transferts hors de l'EEE", "Übermittlungen außerhalb des EWR",
                    "Transferencias fuera del EEE"),
            entry("none", "none", "aucun", "keine", "ninguna"),
            entry("retention", "Retention", "Durée de conservation", "Speicherdauer", "Plazo de conservación"),
            entry("services", "Services", "Services", "Dienste", "Servicios"),
            entry("service", "Service", "Service", "Dienst", "Servicio"),
            entry("provider", "Provider", "Fournisseur", "Anbieter", "Proveedor"),
            entry("category", "Category", "Catégorie", "Kategorie", "Categoría"),
            entry("transfer", "Transfer and safeguard", "Transfert et garanties", "Übermittlung und Garantien",
                    "Transferencia y garantías"),
            entry("risk", "Risk", "Risque", "Risiko", "Riesgo"),
            entry("cookies", "Cookies", "Cookies", "Cookies", "Cookies"),
            entry("upTo", "cookies up to %s", "cookies jusqu'à %s", "Cookies bis zu %s", "cookies hasta %s"),
            entry("noCookies", "no cookies", "aucun cookie", "keine Cookies", "sin cookies"),
            entry("security", "Security measures and consent mechanism", "Mesures de sécurité et recueil du consentement",
                    "Sicherheitsmaßnahmen und Einwilligungsverfahren", "Medidas de seguridad y obtención del consentimiento"),
            entry("consentMechanism", "Consent is asked, enforced on the server and recorded by consent4j: services that need consent are not loaded and their cookies are not set before it; every choice is recorded as proof (GDPR Art. 7(1)). Consent records are kept: %s.",
                    "Le consentement est demandé, appliqué côté serveur et enregistré par consent4j : les services qui en ont besoin ne sont pas chargés et leurs cookies ne sont pas déposés avant lui ; chaque choix est enregistré comme preuve (RGPD, art. 7, par. 1). Conservation des preuves : %s.",
                    "Die Einwilligung wird von consent4j eingeholt, auf dem Server durchgesetzt und protokolliert: einwilligungspflichtige Dienste werden vorher weder geladen noch setzen sie Cookies; jede Entscheidung wird als Nachweis gespeichert (Art. 7 Abs. 1 DSGVO). Aufbewahrung der Nachweise: %s.",
                    "consent4j solicita el consentimiento, lo aplica en el servidor y lo registra: los servicios que lo necesitan no se cargan ni instalan cookies antes; cada decisión se registra como prueba (art. 7.1 RGPD). Conservación de las pruebas: %s."),
            entry("dpia", "DPIA screening", "Analyse préalable d'AIPD", "Vorprüfung der DSFA", "Análisis previo de EIPD"),
            entry("dpiaIntro", "Screening against the nine criteria of the EDPB-endorsed guidelines WP248 rev.01 (GDPR Art. 35). Result for the site: %s.",
                    "Analyse au regard des neuf critères des lignes directrices WP248 rév.01 approuvées par le CEPD (RGPD, art. 35). Résultat pour le site : %s.",
                    "Prüfung anhand der neun Kriterien der vom EDSA bestätigten Leitlinien WP248 rev.01 (Art. 35 DSGVO). Ergebnis für die Website: %s.",
                    "Análisis según los nueve criterios de las directrices WP248 rev.01 respaldadas por el CEPD (art. 35 RGPD). Resultado para el sitio: %s."),
            entry("criteria", "Criteria", "Critères", "Kriterien", "Criterios"),
            entry("result", "Result", "Résultat", "Ergebnis", "Resultado"),
            entry("REQUIRED", "DPIA required", "AIPD requise", "DSFA erforderlich", "EIPD obligatoria"),
            entry("RECOMMENDED", "DPIA recommended", "AIPD recommandée", "DSFA empfohlen", "EIPD recomendada"),
            entry("NOT_INDICATED", "DPIA not indicated", "AIPD non indiquée", "DSFA nicht angezeigt", "EIPD no indicada"),
            entry("outline", "Draft DPIA outline: %s", "Projet de plan d'AIPD : %s", "Entwurf einer DSFA-Gliederung: %s",
                    "Borrador de esquema de EIPD: %s"),
            entry("legend", "Criteria are numbered as in WP248; \"?\" marks a criterion the catalog indicates and the site has not confirmed.",
                    "Les critères sont numérotés comme dans le WP248 ; « ? » signale un critère indiqué par le catalogue et non confirmé par le site.",
                    "Die Kriterien sind wie in WP248 nummeriert; „?“ kennzeichnet ein vom Katalog angezeigtes, von der Website nicht bestätigtes Kriterium.",
                    "Los criterios se numeran como en el WP248; «?» señala un criterio indicado por el catálogo y no confirmado por el sitio."),
            entry("reasons", "Why", "Motifs", "Begründung", "Motivos"),
            entry("flows", "Data flows", "Flux de données", "Datenflüsse", "Flujos de datos"),
            entry("risks", "Risks", "Risques", "Risiken", "Riesgos"),
            entry("mitigations", "Mitigations", "Mesures d'atténuation", "Abhilfemaßnahmen", "Medidas de mitigación"),
            entry("notStated", "not stated", "non précisé", "nicht angegeben", "no indicado"));

    private DocumentTexts() {
    }

    private static Map.Entry<String, Map<String, String>> entry(String key, String en, String fr, String de, String es) {
        return Map.entry(key, Map.of("en", en, "fr", fr, "de", de, "es", es));
    }

    /** The text for a key in a language; English when the language has none. */
    static String get(String key, String language) {
        Map<String, String> texts = TEXTS.get(key);
        if (texts == null) {
            throw new IllegalArgumentException("no document text '" + key + "'");
        }
        String text = texts.containsKey(language) ? texts.get(language) : texts.get("en");
        if (text == null) {
            throw new IllegalArgumentException("no English document text '" + key + "'");
        }
        return text;
    }

    /** Whether the documents speak this language (otherwise they fall back to English). */
    static boolean speaks(String language) {
        Map<String, String> titles = TEXTS.get("title");
        return titles != null && titles.containsKey(language);
    }
}
