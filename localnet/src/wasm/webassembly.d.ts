/**
 * The subset of the WebAssembly JS API this package uses. Node has it at runtime, but the
 * project compiles with lib ES2023 + @types/node (no DOM lib), which do not declare it.
 * If the DOM lib is ever added to the tsconfig, delete this file.
 * (`var` and empty interfaces are how ambient globals are declared and merged, hence the lint exceptions.)
 */
/* eslint-disable no-var, @typescript-eslint/no-empty-object-type */
export {};

declare global {
  namespace WebAssembly {
    type ImportValue = ((...args: never[]) => unknown) | Global | Memory | Table;
    type ModuleImports = Record<string, ImportValue>;
    type Imports = Record<string, ModuleImports>;
    type ExportValue = ((...args: never[]) => unknown) | Global | Memory | Table;
    type Exports = Record<string, ExportValue>;
    type ImportExportKind = 'function' | 'table' | 'memory' | 'global' | 'tag';
    interface ModuleExportDescriptor {
      kind: ImportExportKind;
      name: string;
    }
    interface ModuleImportDescriptor {
      kind: ImportExportKind;
      module: string;
      name: string;
    }
    interface Module {}
    var Module: {
      prototype: Module;
      new (bytes: Uint8Array | ArrayBuffer): Module;
      customSections(module: Module, sectionName: string): ArrayBuffer[];
      exports(module: Module): ModuleExportDescriptor[];
      imports(module: Module): ModuleImportDescriptor[];
    };
    interface Instance {
      readonly exports: Exports;
    }
    var Instance: {
      prototype: Instance;
      new (module: Module, importObject?: Imports): Instance;
    };
    interface Memory {
      readonly buffer: ArrayBuffer;
      grow(delta: number): number;
    }
    var Memory: {
      prototype: Memory;
      new (descriptor: { initial: number; maximum?: number }): Memory;
    };
    interface Table {
      readonly length: number;
      get(index: number): unknown;
      set(index: number, value: unknown): void;
    }
    var Table: {
      prototype: Table;
    };
    interface Global {
      value: unknown;
    }
    var Global: {
      prototype: Global;
    };
    interface RuntimeError extends Error {}
    var RuntimeError: {
      prototype: RuntimeError;
      new (message?: string): RuntimeError;
    };
    function compile(bytes: Uint8Array | ArrayBuffer): Promise<Module>;
  }
}
