import { errorResponses, json, projectId, ref } from "./shared";

/** /me and /projects: master data, events and the audit log. */
export const projectPaths = {
      "/me": { get: { summary: "The token's user", responses: { "200": { description: "User" }, ...errorResponses } } },
      "/projects": {
        get: {
          summary: "List projects visible to the caller",
          parameters: [
            { name: "q", in: "query", schema: { type: "string" }, description: "code, name, site or client" },
            { name: "stage", in: "query", schema: ref("Stage") },
            { name: "pm", in: "query", schema: { type: "string", format: "uuid" } },
            { name: "client", in: "query", schema: { type: "string", format: "uuid" } },
            { name: "page", in: "query", schema: { type: "integer", minimum: 1 } },
          ],
          responses: { "200": { description: "A page of projects (25 per page)" }, ...errorResponses },
        },
        post: {
          summary: "Create a project (pm or admin)",
          requestBody: { required: true, ...json(ref("ProjectInput")) },
          responses: { "201": { description: "Created: {id, url}" }, "400": { description: "Invalid input", ...json(ref("Error")) }, ...errorResponses },
        },
      },
      "/projects/{projectId}": {
        get: { summary: "One project: master data, stage, sub-states, equipment and the caller's allowed events", parameters: [projectId], responses: { "200": { description: "Project" }, ...errorResponses } },
      },
      "/projects/{projectId}/events": {
        get: { summary: "Events the caller may send now, and what the others are missing", parameters: [projectId], responses: { "200": { description: "Events", ...json(ref("EventsView")) }, ...errorResponses } },
        post: {
          summary: "Send a stage event through the project statechart",
          parameters: [projectId],
          requestBody: { required: true, ...json(ref("EventRequest")) },
          responses: {
            "200": { description: "Applied: {ok, stage, version}" },
            "400": { description: "Invalid payload", ...json(ref("Error")) },
            "409": { description: "The project changed meanwhile (expectedVersion)", ...json(ref("Error")) },
            "422": { description: "Refused by the statechart (each missing condition in refusals), or a stored state from an unsupported machine version", ...json(ref("Error")) },
            ...errorResponses,
          },
        },
      },
      "/projects/{projectId}/audit": {
        get: { summary: "The project's audit log, newest first (50 per page)", parameters: [projectId, { name: "page", in: "query", schema: { type: "integer" } }], responses: { "200": { description: "Audit events" }, ...errorResponses } },
      },
    };
