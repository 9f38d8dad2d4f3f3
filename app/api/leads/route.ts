import { answerLead, readLeadRequest } from "@/lib/leads/http";
import { publicRoute } from "@/lib/routes/public";

/** The lead API (PRODUCT.md section 11): a source's key, JSON, a form post or ADF XML, 64 KB at most. */
export const POST = publicRoute({ load: ({ request }) => readLeadRequest(request) }, ({ request, resource }) =>
  answerLead(request, resource),
);
