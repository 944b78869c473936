/* core_handlers.h: the page and API handlers of the record core — the
 * routes every kind of record shares (/r/{id}, /records/{id}/…,
 * /api/v1/records/{id}/…) — for the route table in web/routes.c (their
 * only caller).  Each reads the record id from r->args[0] and answers 404
 * for a record the caller may not read, exactly as for a missing one. */
#ifndef SAMLA_CORE_HANDLERS_H
#define SAMLA_CORE_HANDLERS_H

#include "app/core/record.h"
#include "app/core/req.h"

/* record_page.c */
int record_redirect_page(Req *r);
int record_history_page(Req *r);
int record_restore_post(Req *r);
int record_access_page(Req *r);
int record_access_post(Req *r);
int record_grant_post(Req *r);
int record_grant_delete_post(Req *r);

/* search_page.c, search_api.c: search across every kind of record */
int search_page(Req *r);
int search_suggest_page(Req *r);
int search_api(Req *r);
int search_suggest_api(Req *r);

/* record_api.c */
int record_show_api(Req *r);
int record_history_api(Req *r);
int record_access_api(Req *r);
int record_access_put_api(Req *r);
int record_grant_api(Req *r);
int record_grant_delete_api(Req *r);
int exemption_basis_list_api(Req *r);
int openapi_api(Req *r);

/* link_page.c */
int link_add_post(Req *r);
int link_remove_post(Req *r);

/* link_section: the «Koblinger» section of record rec's page: the links
 * the viewer may see (both ends), a remove button where allowed, and the
 * form to add one for those who may manage rec.  Writes nothing for a
 * record the viewer sees only the public face of.  Shows the outcome of a
 * link form (?done=link|link_removed, notice.c) as a status message. */
void link_section(Req *r, const Record *rec);

/* link_api.c */
int link_list_api(Req *r);
int link_add_api(Req *r);
int link_remove_api(Req *r);

/* comment_page.c */
int comment_add_post(Req *r);
int comment_edit_post(Req *r);
int comment_delete_post(Req *r);

/* comment_section: the «Kommentarer» section of record rec's page for a
 * signed-in viewer who may read it: the comments, oldest first (each
 * anchored #comment-ID), edit and delete for the author, and the form for
 * a new one.  Writes nothing for the public.  Shows the outcome of a
 * comment form (?done=comment|comment_edited|comment_deleted) as a
 * status message. */
void comment_section(Req *r, const Record *rec);

/* comment_api.c */
int comment_list_api(Req *r);
int comment_add_api(Req *r);
int comment_show_api(Req *r);
int comment_update_api(Req *r);
int comment_delete_api(Req *r);

/* notify_page.c */
int notification_list_page(Req *r);
int notification_read_post(Req *r);

/* notify_api.c */
int notification_list_api(Req *r);
int notification_read_api(Req *r);

/* attach_page.c */
int attach_upload_post(Req *r);
int attach_download_page(Req *r);
int attach_delete_post(Req *r);

/* attach_section: the «Vedlegg» section of record rec's page: the
 * attachments the viewer may see (name with download link, type, size,
 * who and when), a delete button behind a confirmation for those who may
 * delete, and the upload form for those who may attach (attach.h).
 * Writes nothing for a masked record, nor when there is nothing to show
 * and nothing the viewer may do.  Its anchor is #vedlegg. */
void attach_section(Req *r, const Record *rec);

/* attach_api.c */
int attach_list_api(Req *r);
int attach_upload_api(Req *r);
int attach_delete_api(Req *r);

#endif
