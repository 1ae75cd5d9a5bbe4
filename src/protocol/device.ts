/** DeviceType (SRV `src/Core/Enums/DeviceType.cs`). */
import { z } from 'zod';

export const DeviceType = {
  Android: 0,
  iOS: 1,
  ChromeExtension: 2,
  FirefoxExtension: 3,
  OperaExtension: 4,
  EdgeExtension: 5,
  WindowsDesktop: 6,
  MacOsDesktop: 7,
  LinuxDesktop: 8,
  ChromeBrowser: 9,
  FirefoxBrowser: 10,
  OperaBrowser: 11,
  EdgeBrowser: 12,
  IEBrowser: 13,
  UnknownBrowser: 14,
  AndroidAmazon: 15,
  UWP: 16,
  SafariBrowser: 17,
  VivaldiBrowser: 18,
  VivaldiExtension: 19,
  SafariExtension: 20,
  SDK: 21,
  Server: 22,
  WindowsCLI: 23,
  MacOsCLI: 24,
  LinuxCLI: 25,
  DuckDuckGoBrowser: 26,
} as const;
export type DeviceType = (typeof DeviceType)[keyof typeof DeviceType];

export const deviceTypeSchema = z.int().min(0).max(26);

/** Enum names by number (the `devicetype` JWT claim carries the name). */
export const DEVICE_TYPE_NAMES: Readonly<Record<number, string>> = Object.fromEntries(
  Object.entries(DeviceType).map(([name, value]) => [value, name]),
);
