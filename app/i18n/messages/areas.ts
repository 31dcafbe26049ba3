import { auth } from "./auth";
import { admin } from "./admin";
import { projects } from "./projects";

/** Area catalogues, merged into one key space (keys are prefixed by area). */
export const areaMessages = { ...auth, ...admin, ...projects } as const;
