import { auth } from "./auth";
import { admin } from "./admin";
import { projects } from "./projects";
import { bidding } from "./bidding";
import { vendors } from "./vendors";
import { documents } from "./documents";
import { site } from "./site";
import { construction } from "./construction";
import { quality } from "./quality";
import { review } from "./review";
import { serviceSurvey } from "./service-survey";
import { serviceFlow } from "./service-flow";
import { serviceTickets } from "./service-tickets";
import { serviceWarranty } from "./service-warranty";
import { acceptanceDocs } from "./acceptance-docs";
import { acceptanceArchive } from "./acceptance-archive";
import { acceptanceRecords } from "./acceptance-records";
import { acceptance } from "./acceptance";
import { settlement } from "./settlement";
import { finance } from "./finance";

/** Area catalogues, merged into one key space (keys are prefixed by area). */
export const areaMessages = { ...auth, ...admin, ...projects, ...bidding, ...vendors, ...documents, ...site, ...construction, ...quality, ...review, ...acceptance, ...acceptanceRecords, ...acceptanceArchive, ...acceptanceDocs, ...finance, ...settlement, ...serviceWarranty, ...serviceTickets, ...serviceFlow, ...serviceSurvey } as const;
