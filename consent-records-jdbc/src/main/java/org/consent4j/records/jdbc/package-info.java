/**
 * The JDBC consent record sink: hash-chained consent records in PostgreSQL (or another relational
 * database), for sites that run more than one instance.
 */
@NullMarked
package org.consent4j.records.jdbc;

import org.jspecify.annotations.NullMarked;
