import { z } from "zod";
import { SECTORS } from "./vocabulary.ts";

/** The shape of a union entry in UNIONS_FILE (extra unions, or more aliases for known ones). */
export const unionInfoSchema = z.object({
  name: z.string().min(2).max(40),
  fullName: z.string().min(2).max(120),
  aliases: z.array(z.string().min(2)).default([]),
  caseSensitiveAliases: z.array(z.string().min(2)).optional(),
  sectors: z.array(z.enum(SECTORS)).min(1),
  descriptors: z.array(z.string().min(3)).optional(),
});
