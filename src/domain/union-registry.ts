import type { Sector } from "./vocabulary.ts";

/**
 * One trade union as news and users name it. `aliases` hold the other ways writers refer to it
 * (old names, Welsh/Irish forms, frequent misspellings); matching is case-insensitive except for
 * `caseSensitiveAliases`, which are only recognised in capitals because the lower-case word is
 * ordinary English ("unite", "community", "equity", "prospect").
 */
export interface UnionInfo {
  name: string;
  fullName: string;
  aliases: string[];
  caseSensitiveAliases?: string[];
  sectors: Sector[];
  /** Words a writer uses for the union in a later sentence ("the nursing union"). */
  descriptors?: string[];
}

export const DEFAULT_UNIONS: readonly UnionInfo[] = [
  {
    name: "RCN",
    fullName: "Royal College of Nursing",
    aliases: ["Royal College of Nursing", "Royal College of Nurses"],
    sectors: ["health"],
    descriptors: ["nursing union", "nurses' union", "nurses union", "the college"],
  },
  {
    name: "GMB",
    fullName: "GMB",
    aliases: ["GMB union", "General, Municipal, Boilermakers"],
    sectors: ["health", "local government", "other"],
  },
  {
    name: "Unite",
    fullName: "Unite the Union",
    aliases: ["Unite the Union", "Unite union"],
    caseSensitiveAliases: ["Unite", "UNITE"],
    sectors: ["health", "transport", "aviation", "local government", "other"],
  },
  {
    name: "Unison",
    fullName: "UNISON",
    aliases: ["Unison", "Unsion"],
    sectors: ["health", "local government", "education"],
  },
  {
    name: "PCS",
    fullName: "Public and Commercial Services Union",
    aliases: [
      "Public and Commercial Services Union",
      "Public and Commercial Services union",
      "Public & Commercial Services Union",
    ],
    sectors: ["civil service"],
    descriptors: ["civil service union", "civil servants' union"],
  },
  {
    name: "CSP",
    fullName: "Chartered Society of Physiotherapy",
    aliases: [
      "Chartered Society of Physiotherapy",
      "Chartered Society of Physiotherapists",
      "Charted Society of Physiotherapists",
      "Charted Society of Physiotherapy",
    ],
    sectors: ["health"],
    descriptors: ["physiotherapists' union", "physiotherapy union"],
  },
  {
    name: "RCM",
    fullName: "Royal College of Midwives",
    aliases: ["Royal College of Midwives"],
    sectors: ["health"],
    descriptors: ["midwives' union", "midwives union"],
  },
  {
    name: "BMA",
    fullName: "British Medical Association",
    aliases: ["British Medical Association"],
    sectors: ["health"],
    descriptors: ["doctors' union", "doctors union", "medical union"],
  },
  {
    name: "HCSA",
    fullName: "Hospital Consultants and Specialists Association",
    aliases: ["Hospital Consultants and Specialists Association", "HCSA union"],
    sectors: ["health"],
    descriptors: ["hospital doctors' union", "consultants' union"],
  },
  {
    name: "SoR",
    fullName: "Society of Radiographers",
    aliases: ["Society of Radiographers", "Society and College of Radiographers", "SCoR"],
    caseSensitiveAliases: ["SoR", "SOR"],
    sectors: ["health"],
    descriptors: ["radiographers' union"],
  },
  {
    name: "BDA",
    fullName: "British Dietetic Association",
    aliases: ["British Dietetic Association"],
    sectors: ["health"],
    descriptors: ["dietitians' union"],
  },
  {
    name: "RMT",
    fullName: "National Union of Rail, Maritime and Transport Workers",
    aliases: [
      "National Union of Rail, Maritime and Transport Workers",
      "Rail, Maritime and Transport union",
      "Rail, Maritime and Transport Workers union",
      "RMT union",
    ],
    sectors: ["rail", "transport"],
    descriptors: ["rail union", "transport union"],
  },
  {
    name: "ASLEF",
    fullName: "Associated Society of Locomotive Engineers and Firemen",
    aliases: ["Associated Society of Locomotive Engineers and Firemen", "Aslef"],
    sectors: ["rail"],
    descriptors: ["drivers' union", "train drivers' union", "train drivers union"],
  },
  {
    name: "TSSA",
    fullName: "Transport Salaried Staffs' Association",
    aliases: ["Transport Salaried Staffs' Association", "Transport Salaried Staffs Association"],
    sectors: ["rail", "transport"],
  },
  {
    name: "NEU",
    fullName: "National Education Union",
    aliases: ["National Education Union"],
    sectors: ["education"],
    descriptors: ["teaching union", "teachers' union", "education union"],
  },
  {
    name: "NASUWT",
    fullName: "NASUWT, the Teachers' Union",
    aliases: [
      "NAS/UWT",
      "National Association of Schoolmasters Union of Women Teachers",
      "National Association of Schoolmasters and Union of Women Teachers",
      "National Association of Schoolteachers and Union of Women Teachers",
    ],
    sectors: ["education"],
  },
  {
    name: "NAHT",
    fullName: "National Association of Head Teachers",
    aliases: ["National Association of Head Teachers", "National Association of Headteachers"],
    sectors: ["education"],
    descriptors: ["headteachers' union", "head teachers' union", "school leaders' union"],
  },
  {
    name: "EIS",
    fullName: "Educational Institute of Scotland",
    aliases: ["Educational Institute of Scotland"],
    sectors: ["education"],
  },
  {
    name: "UCU",
    fullName: "University and College Union",
    aliases: ["University and College Union", "University and Colleges Union"],
    sectors: ["education"],
    descriptors: ["lecturers' union", "university union"],
  },
  {
    name: "CWU",
    fullName: "Communication Workers Union",
    aliases: [
      "Communication Workers Union",
      "Communication Workers' Union",
      "Communications Workers Union",
    ],
    sectors: ["postal"],
    descriptors: ["postal union", "postal workers' union"],
  },
  {
    name: "FBU",
    fullName: "Fire Brigades Union",
    aliases: ["Fire Brigades Union", "Fire Brigade Union", "Fire Brigades' Union"],
    sectors: ["fire"],
    descriptors: ["firefighters' union", "firefighters union"],
  },
  {
    name: "Prospect",
    fullName: "Prospect",
    aliases: ["Prospect union"],
    caseSensitiveAliases: ["Prospect"],
    sectors: ["civil service", "other"],
  },
  {
    name: "Usdaw",
    fullName: "Union of Shop, Distributive and Allied Workers",
    aliases: ["Union of Shop, Distributive and Allied Workers", "USDAW"],
    sectors: ["other"],
    descriptors: ["shopworkers' union", "retail union"],
  },
  {
    name: "Equity",
    fullName: "Equity",
    aliases: ["Equity union"],
    caseSensitiveAliases: ["Equity"],
    sectors: ["other"],
    descriptors: ["actors' union", "performers' union"],
  },
  {
    name: "NIPSA",
    fullName: "Northern Ireland Public Service Alliance",
    aliases: ["Northern Ireland Public Service Alliance", "Nipsa"],
    sectors: ["civil service", "health", "local government"],
  },
  {
    name: "Community",
    fullName: "Community",
    aliases: ["Community union", "Community trade union"],
    caseSensitiveAliases: ["Community"],
    sectors: ["other"],
  },
  {
    name: "INTO",
    fullName: "Irish National Teachers' Organisation",
    aliases: ["Irish National Teachers' Organisation", "Irish National Teachers Organisation"],
    caseSensitiveAliases: ["INTO"],
    sectors: ["education"],
  },
  {
    name: "UTU",
    fullName: "Ulster Teachers' Union",
    aliases: ["Ulster Teachers' Union", "Ulster Teachers Union"],
    sectors: ["education"],
  },
  {
    name: "SIPTU",
    fullName: "Services, Industrial, Professional and Technical Union",
    aliases: ["Services, Industrial, Professional and Technical Union", "Siptu"],
    sectors: ["health", "transport", "other"],
  },
  {
    name: "ASCL",
    fullName: "Association of School and College Leaders",
    aliases: ["Association of School and College Leaders"],
    sectors: ["education"],
  },
];
