import { PrismaClient } from '@prisma/client';

/** The one Prisma client of the app. */
export const prisma = new PrismaClient();
