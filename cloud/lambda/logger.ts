// Structured JSON logs for every function (Lambda Powertools): one line per entry, with the function's service name
// (POWERTOOLS_SERVICE_NAME) and level (POWERTOOLS_LOG_LEVEL) from the environment.
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'ticketboss' });
