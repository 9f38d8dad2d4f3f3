import { leadApi } from "@/lib/leads/http";
import { pagesApiRoute } from "@/lib/routes/pages";

/**
 * The lead API (PRODUCT.md section 11): a source's key, JSON, a form post or ADF XML, 64 KB at most. Served
 * from the Pages Router, whose handling of a request costs less than half of the App Router's (see
 * lib/routes/pages.ts): websites and portals post leads at volume.
 */
export default pagesApiRoute({ POST: leadApi });

// The handler reads the body itself, under its own limit.
export const config = { api: { bodyParser: false } };
