/** Request bodies for media: multipart/form-data, and a byte source sent in chunks of a fixed size. */
package io.atelier.sdk.connector.upload;
