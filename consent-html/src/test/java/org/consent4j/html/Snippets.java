package org.consent4j.html;

/**
 * Tracking snippets in the shape vendors publish them in their installation guides (identifiers
 * replaced by test values).
 */
final class Snippets {

    private Snippets() {
    }

    /** Meta Pixel base code. */
    static final String META_PIXEL = """
            !function(f,b,e,v,n,t,s)
            {if(f.fbq)return;n=f.fbq=function(){n.callMethod?
            n.callMethod.apply(n,arguments):n.queue.push(arguments)};
            if(!f._fbq)f._fbq=n;n.push=n;n.loaded=!0;n.version='2.0';
            n.queue=[];t=b.createElement(e);t.async=!0;
            t.src=v;s=b.getElementsByTagName(e)[0];
            s.parentNode.insertBefore(t,s)}(window, document,'script',
            'https://connect.facebook.net/en_US/fbevents.js');
            fbq('init', '000000000000000');
            fbq('track', 'PageView');
            """;

    /** Google Tag Manager container snippet. */
    static final String GTM = """
            (function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':
            new Date().getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],
            j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;j.src=
            'https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);
            })(window,document,'script','dataLayer','GTM-TEST');
            """;

    /** Universal Analytics (analytics.js) snippet. */
    static final String ANALYTICS_JS = """
            (function(i,s,o,g,r,a,m){i['GoogleAnalyticsObject']=r;i[r]=i[r]||function(){
            (i[r].q=i[r].q||[]).push(arguments)},i[r].l=1*new Date();a=s.createElement(o),
            m=s.getElementsByTagName(o)[0];a.async=1;a.src=g;m.parentNode.insertBefore(a,m)
            })(window,document,'script','https://www.google-analytics.com/analytics.js','ga');
            ga('create', 'UA-00000-1', 'auto');
            ga('send', 'pageview');
            """;

    /** Segment Analytics.js snippet (abridged: the method stubs are left out). */
    static final String SEGMENT = """
            !function(){var analytics=window.analytics=window.analytics||[];if(!analytics.initialize)
            if(analytics.invoked)window.console&&console.error&&console.error("Segment snippet included twice.");
            else{analytics.invoked=!0;analytics.load=function(key,e){var t=document.createElement("script");
            t.type="text/javascript";t.async=!0;t.src="https://cdn.segment.com/analytics.js/v1/" + key + "/analytics.min.js";
            var n=document.getElementsByTagName("script")[0];n.parentNode.insertBefore(t,n);analytics._loadOptions=e};
            analytics.SNIPPET_VERSION="4.15.3";
            analytics.load("TESTKEY");
            analytics.page();
            }}();
            """;

    /** Hotjar tracking code. */
    static final String HOTJAR = """
            (function(h,o,t,j,a,r){
                h.hj=h.hj||function(){(h.hj.q=h.hj.q||[]).push(arguments)};
                h._hjSettings={hjid:0000000,hjsv:6};
                a=o.getElementsByTagName('head')[0];
                r=o.createElement('script');r.async=1;
                r.src=t+h._hjSettings.hjid+j+h._hjSettings.hjsv;
                a.appendChild(r);
            })(window,document,'https://static.hotjar.com/c/hotjar-','.js?sv=');
            """;

    /** LinkedIn Insight Tag. */
    static final String LINKEDIN = """
            _linkedin_partner_id = "0000000";
            window._linkedin_data_partner_ids = window._linkedin_data_partner_ids || [];
            window._linkedin_data_partner_ids.push(_linkedin_partner_id);
            (function(l) {
            if (!l){window.lintrk = function(a,b){window.lintrk.q.push([a,b])};
            window.lintrk.q=[]}
            var s = document.getElementsByTagName("script")[0];
            var b = document.createElement("script");
            b.type = "text/javascript";b.async = true;
            b.src = "https://snap.licdn.com/li.lms-analytics/insight.min.js";
            s.parentNode.insertBefore(b, s);})(window.lintrk);
            """;

    /** TikTok Pixel base code (abridged). */
    static final String TIKTOK = """
            !function (w, d, t) {
              w.TiktokAnalyticsObject=t;var ttq=w[t]=w[t]||[];
              ttq.load=function(e,n){var r="https://analytics.tiktok.com/i18n/pixel/events.js";
              ttq._i=ttq._i||{},ttq._i[e]=[],ttq._i[e]._u=r;var o=document.createElement("script");
              o.type="text/javascript",o.async=!0,o.src=r+"?sdkid="+e+"&lib="+t;
              var a=document.getElementsByTagName("script")[0];a.parentNode.insertBefore(o,a)};
              ttq.load('TESTPIXEL');
              ttq.page();
            }(window, document, 'ttq');
            """;

    /** HubSpot tracking code API queue, as pages set it up before the loader. */
    static final String HUBSPOT = """
            var _hsq = window._hsq = window._hsq || [];
            _hsq.push(['setPath', '/home']);
            _hsq.push(['trackPageView']);
            """;
}
