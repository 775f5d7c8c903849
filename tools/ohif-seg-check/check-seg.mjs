#!/usr/bin/env node
// Opens a DICOM SEG the way the OHIF viewer does and prints, per source image and segment, which
// pixels the viewer paints. SegNode's Java tests (OhifSegLoader) compare this with their own mask.
//
// Usage: node check-seg.mjs <seg.dcm> <source dir or files...>
//   Directories are read recursively; every DICOM file with SOPInstanceUID, Rows and
//   ImagePositionPatient is a source image, other files are ignored.
//   OHIF_SEG_TRACE=1 prints the metadata types the adapter asked for on stderr.
//
// Loader: @cornerstonejs/adapters adaptersSEG.Cornerstone3D.Segmentation.createFromDICOMSegBuffer
// (the call OHIF's cornerstone-dicom-seg extension makes), with tolerance 0.001.
//
// Output on stdout, one record per line, fields separated by single spaces:
//   segment <number> <label>
//       one line per item of the SEG's SegmentSequence, by ascending number. <label> is
//       SegmentLabel and may contain spaces (it runs to the end of the line); "-" when absent.
//   voxels <sopInstanceUid> <segmentNumber> <start>:<length> [<start>:<length> ...]
//       one line per source image and segment that has at least one voxel there. <start> is the
//       flat pixel index row * columns + column in that source image; runs are maximal and
//       ascending. Source images are listed in the order of the imageIds handed to the adapter
//       (sorted along the slice normal), segments ascending.
//   warning <text>
//       one line per warning the adapter logged, e.g. a SEG frame it skipped because no source
//       image matched ("Image not present in stack, can't import frame : 2.").
//   done <total voxel count>
//       always the last line of a successful run; its absence means the output is incomplete.
// Errors: one line on stderr, exit code 1. A watchdog ends the process after 100 s.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const WATCHDOG_MS = 100_000;
const TOLERANCE = 0.001;
const IMAGE_ID_SCHEME = 'segnode-file:';

function fail(message) {
  process.stderr.write(`check-seg: ${String(message).replace(/\s+/g, ' ').trim()}\n`);
  process.exit(1);
}

// The adapter and dcmjs log through loglevel onto console; stdout must carry only our records and
// stderr only our one-line error. Warnings are kept: a frame whose source image is not in the
// stack is skipped with nothing but a warning.
function captureConsole(warnings) {
  const trace = (...args) => {
    if (process.env.OHIF_SEG_TRACE) {
      process.stderr.write(`${args.map(String).join(' ')}\n`);
    }
  };
  for (const level of ['log', 'info', 'debug', 'trace', 'error']) {
    console[level] = trace;
  }
  console.warn = (...args) => {
    trace(...args);
    warnings.push(args.map(String).join(' ').replace(/\s+/g, ' ').trim());
  };
}

function listFiles(target) {
  const stat = statSync(target, { throwIfNoEntry: false });
  if (!stat) {
    fail(`source path not found: ${target}`);
  }
  if (!stat.isDirectory()) {
    return [target];
  }
  return readdirSync(target)
    .sort()
    .flatMap((name) => listFiles(path.join(target, name)));
}

function toArrayBuffer(buffer) {
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
}

function readDataset(dcmjs, file) {
  const { DicomMessage, DicomMetaDictionary } = dcmjs.data;
  const message = DicomMessage.readFile(toArrayBuffer(readFileSync(file)), {
    untilTag: '7FE00010',
    includeUntilTagValue: false,
  });
  const dataset = DicomMetaDictionary.naturalizeDataset(message.dict);
  dataset._meta = DicomMetaDictionary.namifyDataset(message.meta);
  return dataset;
}

// The adapter's own errors for a non-SEG input are cryptic ("reading '0'"); say what is wrong.
function requireSeg(dcmjs, file) {
  let dataset;
  try {
    dataset = readDataset(dcmjs, file);
  } catch (error) {
    fail(`${file}: not readable as DICOM: ${error.message}`);
  }
  if (dataset.Modality !== 'SEG') {
    fail(`${file}: expected Modality SEG, found ${dataset.Modality ?? 'none'}`);
  }
}

function numbers(value) {
  if (value === undefined || value === null) {
    return undefined;
  }
  return (Array.isArray(value) ? value : [value]).map(Number);
}

function cross(a, b) {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

// Builds the Cornerstone metadata modules from one naturalized source dataset, with the field
// names and shapes @cornerstonejs/core's own DICOM metadata provider gives them.
function modulesFor(dataset, file) {
  const iop = numbers(dataset.ImageOrientationPatient);
  const ipp = numbers(dataset.ImagePositionPatient);
  const spacing = numbers(dataset.PixelSpacing) ?? [1, 1];
  if (!iop || iop.length !== 6 || !ipp || ipp.length !== 3) {
    fail(`${file}: ImageOrientationPatient (6 values) and ImagePositionPatient (3) are required`);
  }
  return {
    instance: dataset,
    imagePlaneModule: {
      frameOfReferenceUID: dataset.FrameOfReferenceUID,
      rows: dataset.Rows,
      columns: dataset.Columns,
      imageOrientationPatient: iop,
      rowCosines: iop.slice(0, 3),
      columnCosines: iop.slice(3, 6),
      imagePositionPatient: ipp,
      sliceThickness: numbers(dataset.SliceThickness)?.[0],
      pixelSpacing: spacing,
      rowPixelSpacing: spacing[0],
      columnPixelSpacing: spacing[1],
    },
    imagePixelModule: {
      samplesPerPixel: dataset.SamplesPerPixel ?? 1,
      photometricInterpretation: dataset.PhotometricInterpretation ?? 'MONOCHROME2',
      rows: dataset.Rows,
      columns: dataset.Columns,
      bitsAllocated: dataset.BitsAllocated,
      bitsStored: dataset.BitsStored,
      highBit: dataset.HighBit,
      pixelRepresentation: dataset.PixelRepresentation ?? 0,
    },
    generalSeriesModule: {
      modality: dataset.Modality,
      seriesInstanceUID: dataset.SeriesInstanceUID,
      seriesNumber: dataset.SeriesNumber,
      studyInstanceUID: dataset.StudyInstanceUID,
    },
    generalImageModule: {
      sopInstanceUID: dataset.SOPInstanceUID,
      instanceNumber: dataset.InstanceNumber,
    },
    sopCommonModule: {
      sopClassUID: dataset.SOPClassUID,
      sopInstanceUID: dataset.SOPInstanceUID,
    },
  };
}

function loadSources(dcmjs, targets) {
  const sources = [];
  for (const file of targets.flatMap(listFiles)) {
    let dataset;
    try {
      dataset = readDataset(dcmjs, file);
    } catch (error) {
      continue; // not DICOM (a README, a DICOMDIR fragment): not a source image
    }
    if (!dataset.SOPInstanceUID || !dataset.Rows || !dataset.ImagePositionPatient) {
      continue;
    }
    const imageId = `${IMAGE_ID_SCHEME}${file}`;
    sources.push({ file, imageId, modules: modulesFor(dataset, file) });
  }
  if (sources.length === 0) {
    fail(`no source images with SOPInstanceUID, Rows and ImagePositionPatient in: ${targets}`);
  }
  return sortAlongNormal(sources);
}

// OHIF hands the adapter the display set's imageIds in slice order; reproduce that order.
function sortAlongNormal(sources) {
  const plane = sources[0].modules.imagePlaneModule;
  const normal = cross(plane.rowCosines, plane.columnCosines);
  const distance = (s) =>
    s.modules.imagePlaneModule.imagePositionPatient.reduce((sum, v, i) => sum + v * normal[i], 0);
  return sources.sort((a, b) => distance(a) - distance(b));
}

function createProvider(sources, asked, who) {
  const byImageId = new Map(sources.map((s) => [s.imageId, s.modules]));
  return {
    get(type, imageId) {
      asked.add(`${who}:${type}`);
      return byImageId.get(imageId)?.[type];
    },
  };
}

function segmentLines(segMetadata) {
  return segMetadata.data
    .filter(Boolean)
    .map((segment) => {
      const label = String(segment.SegmentLabel ?? '-').replace(/[\r\n]+/g, ' ').trim() || '-';
      return `segment ${segment.SegmentNumber} ${label}`;
    });
}

function valueAt(image, index) {
  return image.voxelManager ? image.voxelManager.getAtIndex(index) : image.getPixelData()[index];
}

// Collects per referenced image the pixel indices of every segment value, across all label-map
// layers (the adapter adds layers when segments overlap).
function collectVoxels(labelMapLayers) {
  const perImage = new Map();
  for (const layer of labelMapLayers) {
    for (const image of layer) {
      const length = image.rows * image.columns;
      let bySegment = perImage.get(image.referencedImageId);
      if (!bySegment) {
        bySegment = new Map();
        perImage.set(image.referencedImageId, bySegment);
      }
      for (let i = 0; i < length; i++) {
        const value = valueAt(image, i);
        if (value) {
          if (!bySegment.has(value)) {
            bySegment.set(value, new Set());
          }
          bySegment.get(value).add(i);
        }
      }
    }
  }
  return perImage;
}

function runs(indexSet) {
  const sorted = [...indexSet].sort((a, b) => a - b);
  const out = [];
  let start = sorted[0];
  let previous = start;
  for (const index of sorted.slice(1)) {
    if (index !== previous + 1) {
      out.push(`${start}:${previous - start + 1}`);
      start = index;
    }
    previous = index;
  }
  out.push(`${start}:${previous - start + 1}`);
  return out;
}

async function main() {
  const [segFile, ...sourceTargets] = process.argv.slice(2);
  if (!segFile || sourceTargets.length === 0) {
    fail('usage: node check-seg.mjs <seg.dcm> <source dir or files...>');
  }
  const warnings = [];
  captureConsole(warnings);
  const dcmjs = (await import('dcmjs')).default;
  const { metaData } = await import('@cornerstonejs/core');
  const { adaptersSEG } = await import('@cornerstonejs/adapters');

  const segBuffer = toArrayBuffer(readFileSync(segFile));
  requireSeg(dcmjs, segFile);
  const sources = loadSources(dcmjs, sourceTargets);
  const asked = new Set();
  const provider = createProvider(sources, asked, 'adapter');
  // The adapter asks the provider it is given; @cornerstonejs/core, creating the label-map images,
  // asks its global registry. OHIF feeds both from the same metadata, so register it there too.
  const coreProvider = createProvider(sources, asked, 'core');
  metaData.addProvider((type, imageId) => coreProvider.get(type, imageId), 10000);

  const imageIds = sources.map((s) => s.imageId);
  const result = await adaptersSEG.Cornerstone3D.Segmentation.createFromDICOMSegBuffer(
    imageIds,
    segBuffer,
    { metadataProvider: provider, tolerance: TOLERANCE },
  );
  if (!result || !result.labelMapImages) {
    fail('the adapter returned no label-map images');
  }
  const sopByImageId = new Map(sources.map((s) => [s.imageId, s.modules.instance.SOPInstanceUID]));
  const lines = segmentLines(result.segMetadata);
  const perImage = collectVoxels(result.labelMapImages);
  let total = 0;
  for (const imageId of imageIds) {
    const bySegment = perImage.get(imageId) ?? new Map();
    for (const segment of [...bySegment.keys()].sort((a, b) => a - b)) {
      const indices = bySegment.get(segment);
      total += indices.size;
      lines.push(`voxels ${sopByImageId.get(imageId)} ${segment} ${runs(indices).join(' ')}`);
    }
  }
  lines.push(...warnings.map((warning) => `warning ${warning}`));
  lines.push(`done ${total}`);
  if (process.env.OHIF_SEG_TRACE) {
    process.stderr.write(`metadata asked: ${[...asked].sort().join(' ')}\n`);
  }
  process.stdout.write(`${lines.join('\n')}\n`, () => process.exit(0));
}

setTimeout(() => fail(`no result after ${WATCHDOG_MS / 1000} s`), WATCHDOG_MS);
process.on('unhandledRejection', (error) => fail(error?.stack?.split('\n')[0] ?? error));
main().catch((error) => fail(error?.message ?? error));
