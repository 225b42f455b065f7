/**
 * The scheduling service: what the shell (REST, views, console) asks of the
 * editorial calendar. Posts are planned on a zone's wall-clock time, checked by
 * each account's connector, stored, and published exactly once by the dispatcher.
 */
@Export
@Version("1.2.0")
package io.atelier.scheduling;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
