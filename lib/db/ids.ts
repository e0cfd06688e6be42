// UUID v7 ids for rows written by raw SQL (Prisma generates them itself for its own creates).
import { v7 } from 'uuid';

export const newId = (): string => v7();
