/* openapi.h: the OpenAPI 3.1 document of /api/v1.
 *
 * The document is assets/openapi.json (info, shared schemas) merged with
 * every fragment assets/openapi/<area>.json, each holding "paths" and
 * "components"/"schemas" of one area, so each feature documents its own
 * routes.  A unit test checks that the merged document and the route table
 * list exactly the same operations.
 */
#ifndef SAMLA_OPENAPI_H
#define SAMLA_OPENAPI_H

#include <jansson.h>

/* openapi_document: a new reference to the merged document (built once,
 * thread-safe); NULL when the base document is missing or malformed. */
json_t *openapi_document(void);

#endif
