// Provisioned concurrency for the API during on-sale windows: instances initialised before the rush, so the first
// buyers of a big on-sale do not each wait out a cold start. Application Auto Scaling sets the API alias's
// provisioned concurrency to the window's count at its start and back to none at its end; outside the windows it
// costs nothing. The windows come from the `onSaleWindows` context setting (see app.ts and README.md).
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { z } from 'zod';

export const OnSaleWindow = z
  .object({
    /** When the instances must be ready: a little before the doors open (UTC, ISO 8601). */
    start: z.iso.datetime({ offset: true }),
    end: z.iso.datetime({ offset: true }),
    /** Instances kept initialised in the window (each serves one request at a time). */
    provisioned: z.number().int().min(1).max(5000),
  })
  .strict()
  .refine((window) => Date.parse(window.start) < Date.parse(window.end), 'an on-sale window ends after it starts');
export type OnSaleWindow = z.infer<typeof OnSaleWindow>;

export const OnSaleWindows = z.array(OnSaleWindow);

/** Scales the alias's provisioned concurrency up at each window's start and down to none at its end. */
export function scheduleProvisionedConcurrency(alias: lambda.Alias, windows: OnSaleWindow[]): void {
  if (windows.length === 0) return;
  const scaling = alias.addAutoScaling({
    minCapacity: 0,
    maxCapacity: Math.max(...windows.map((window) => window.provisioned)),
  });
  windows.forEach((window, index) => {
    scaling.scaleOnSchedule(`OnSale${index + 1}Start`, {
      schedule: appscaling.Schedule.at(new Date(window.start)),
      minCapacity: window.provisioned,
      maxCapacity: window.provisioned,
    });
    scaling.scaleOnSchedule(`OnSale${index + 1}End`, {
      schedule: appscaling.Schedule.at(new Date(window.end)),
      minCapacity: 0,
      maxCapacity: 0,
    });
  });
}
