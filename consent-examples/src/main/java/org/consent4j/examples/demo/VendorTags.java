package org.consent4j.examples.demo;

/**
 * The third-party tags of the home page, written in the shapes the vendors publish for copy and paste
 * (placeholder account ids). They point at the vendors' real URLs: with consent4j on, none of them
 * runs before the visitor agrees.
 */
final class VendorTags {

    /** For {@code <head>}: Google Analytics 4, Google Tag Manager, Meta Pixel, Segment, SegMetrics, Hotjar, LinkedIn, Stripe. */
    static final String HEAD = """
            <!-- Google tag (gtag.js) -->
            <script async src="https://www.googletagmanager.com/gtag/js?id=G-DEMO000000"></script>
            <script>
              window.dataLayer = window.dataLayer || [];
              function gtag(){dataLayer.push(arguments);}
              gtag('js', new Date());
              gtag('config', 'G-DEMO000000');
            </script>
            <!-- Google Tag Manager -->
            <script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),event:'gtm.js'});
            var f=d.getElementsByTagName(s)[0],j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;
            j.src='https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);
            })(window,document,'script','dataLayer','GTM-DEMO000');</script>
            <!-- Meta Pixel -->
            <script>
            !function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?
            n.callMethod.apply(n,arguments):n.queue.push(arguments)};if(!f._fbq)f._fbq=n;n.push=n;n.loaded=!0;
            n.version='2.0';n.queue=[];t=b.createElement(e);t.async=!0;t.src=v;s=b.getElementsByTagName(e)[0];
            s.parentNode.insertBefore(t,s)}(window,document,'script','https://connect.facebook.net/en_US/fbevents.js');
            fbq('init', '000000000000000');
            fbq('track', 'PageView');
            </script>
            <!-- Segment analytics.js -->
            <script>
            !function(){var analytics=window.analytics=window.analytics||[];if(!analytics.initialize){
            analytics.methods=["track","page","identify","reset"];analytics.factory=function(m){return function(){
            var a=Array.prototype.slice.call(arguments);a.unshift(m);analytics.push(a);return analytics}};
            for(var i=0;i<analytics.methods.length;i++){var k=analytics.methods[i];analytics[k]=analytics.factory(k)}
            analytics.load=function(key){var t=document.createElement("script");t.type="text/javascript";t.async=!0;
            t.src="https://cdn.segment.com/analytics.js/v1/"+key+"/analytics.min.js";
            var n=document.getElementsByTagName("script")[0];n.parentNode.insertBefore(t,n)};
            analytics.load("DEMO_WRITE_KEY");analytics.page()}}();
            </script>
            <!-- SegMetrics -->
            <script>
            var _segq = _segq || [];
            var _segs = _segs || {};
            (function () {var dc = document.createElement('script');dc.type = 'text/javascript';dc.async = true;
            dc.src = 'https://tag.segmetrics.io/DEMO0000.js';
            var s = document.getElementsByTagName('script')[0];s.parentNode.insertBefore(dc,s);})();
            </script>
            <!-- Hotjar Tracking Code -->
            <script>
            (function(h,o,t,j,a,r){h.hj=h.hj||function(){(h.hj.q=h.hj.q||[]).push(arguments)};
            h._hjSettings={hjid:0000000,hjsv:6};a=o.getElementsByTagName('head')[0];r=o.createElement('script');r.async=1;
            r.src=t+h._hjSettings.hjid+j+h._hjSettings.hjsv;a.appendChild(r);
            })(window,document,'https://static.hotjar.com/c/hotjar-','.js?sv=');
            </script>
            <!-- LinkedIn Insight Tag -->
            <script type="text/javascript">
            _linkedin_partner_id = "0000000";
            window._linkedin_data_partner_ids = window._linkedin_data_partner_ids || [];
            window._linkedin_data_partner_ids.push(_linkedin_partner_id);
            </script><script type="text/javascript">
            (function(l) {if (!l){window.lintrk = function(a,b){window.lintrk.q.push([a,b])};window.lintrk.q=[]}
            var s = document.getElementsByTagName("script")[0];var b = document.createElement("script");
            b.type = "text/javascript";b.async = true;b.src = "https://snap.licdn.com/li.lms-analytics/insight.min.js";
            s.parentNode.insertBefore(b, s);})(window.lintrk);
            </script>
            <!-- Stripe.js -->
            <script src="https://js.stripe.com/v3/"></script>
            """;

    /** Right after {@code <body>}: the no-script fallbacks of Google Tag Manager, Meta Pixel and LinkedIn. */
    static final String BODY_START = """
            <!-- Google Tag Manager (noscript) -->
            <noscript><iframe src="https://www.googletagmanager.com/ns.html?id=GTM-DEMO000"
            height="0" width="0" style="display:none;visibility:hidden"></iframe></noscript>
            <noscript><img height="1" width="1" style="display:none"
            src="https://www.facebook.com/tr?id=000000000000000&ev=PageView&noscript=1"/></noscript>
            <noscript><img height="1" width="1" style="display:none;" alt=""
            src="https://px.ads.linkedin.com/collect/?pid=0000000&fmt=gif" /></noscript>
            """;

    /** The embeds: a YouTube video and a Google Map. */
    static final String BODY = """
            <h2>Our shop on video</h2>
            <iframe width="560" height="315" src="https://www.youtube.com/embed/aqz-KE-bpKQ" title="YouTube video player"
            allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share"
            referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe>
            <h2>Find us</h2>
            <iframe width="560" height="315" src="https://www.google.com/maps/embed?pb=!1m14!1m12!1m3!1d2625!2d2.2945!3d48.8584!2m3!1f0!2f0!3f0!3m2!1i1024!2i768!4f13.1"
            title="Map" loading="lazy" referrerpolicy="no-referrer-when-downgrade"></iframe>
            """;

    private VendorTags() {
    }
}
