/**
 * JMH benchmarks of the HTML gate, with jsoup parse, modify and serialize of the same pages as the
 * baseline.
 */
package org.consent4j.benchmarks.gate;
