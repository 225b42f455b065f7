/**
 * Posts as the scheduling service keeps them: one text per account (variants), media, and the states a post goes through.
 */
@Export
@Version("1.0.0")
package io.atelier.api.post;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
