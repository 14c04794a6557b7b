// exceljs's Workbook class on its own (see projects-xlsx.ts for why it is imported by this path).
declare module 'exceljs/lib/doc/workbook.js' {
  import type { Workbook } from 'exceljs';

  const WorkbookClass: typeof Workbook;
  export default WorkbookClass;
}
