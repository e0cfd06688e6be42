// UUID v7 ids for rows written by raw SQL (Prisma generates them itself for its own creates; set-based
// statements that create many rows call the database's app_uuid_v7() instead).
import { v7 } from 'uuid';

export const newId = (): string => v7();
