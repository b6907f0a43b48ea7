/* Name pools for the demo generator: the mix of a Minnesota prison population, spelled as
 * each community spells its names (UTF-8, with every diacritic), so that sorting, folding,
 * searching and display are exercised by realistic data rather than by ASCII stand-ins.
 * Weights are relative shares per thousand, roughly those of the state's prison population.
 * For names that follow patronymic conventions (Somali, Ethiopian, Oromo) the "last name"
 * is the father's or grandfather's given name, as US records write it. */
#include "caseload/demo.h"

#define DEMO_LIST(array) array, sizeof array / sizeof array[0]

/* Minnesota: Scandinavian, German, Irish and English family names. */
static const char *const us_last[] = {
	"Johnson",   "Anderson",  "Nelson",     "Peterson",  "Olson",     "Larson",    "Swanson",
	"Hanson",    "Carlson",   "Lindquist",  "Halvorson", "Gustafson", "Pederson",  "Erickson",
	"Christensen", "Sorensen", "Thorson",   "Lund",      "Dahl",      "Berg",      "Lindgren",
	"Jensen",    "Nielsen",   "Mattson",    "Hagen",     "Solberg",   "Miller",    "Schmidt",
	"Schneider", "Meyer",     "Wagner",     "Becker",    "Hoffmann",  "Schultz",   "Klein",
	"Koch",      "Weber",     "Kruger",     "Zimmerman", "Schroeder", "Vogel",     "Fischer",
	"Bauer",     "Smith",     "Jones",      "Brown",     "Davis",     "Wilson",    "Moore",
	"Taylor",    "Thomas",    "White",      "Martin",    "Thompson",  "Clark",     "Lewis",
	"Walker",    "Hall",      "Allen",      "Young",     "King",      "Wright",    "Scott",
	"Green",     "Baker",     "Adams",      "Hill",      "Campbell",  "Mitchell",  "Roberts",
	"Carter",    "Evans",     "Murphy",     "Sullivan",  "O'Brien",   "O'Connor",  "McCarthy",
	"Kelly",     "Ryan",      "Olson-Berg",
};
static const char *const us_male[] = {
	"James",   "John",     "Robert",   "Michael",  "William",  "David",       "Richard",
	"Joseph",  "Thomas",   "Charles",  "Daniel",   "Matthew",  "Christopher", "Anthony",
	"Mark",    "Donald",   "Steven",   "Paul",     "Andrew",   "Joshua",      "Kenneth",
	"Kevin",   "Brian",    "George",   "Timothy",  "Ronald",   "Jason",       "Edward",
	"Jeffrey", "Ryan",     "Jacob",    "Gary",     "Nicholas", "Eric",        "Jonathan",
	"Stephen", "Larry",    "Justin",   "Scott",    "Brandon",  "Benjamin",    "Samuel",
	"Gregory", "Alexander", "Patrick", "Frank",    "Raymond",  "Jack",        "Dennis",
	"Jerry",   "Tyler",    "Aaron",    "Nathan",   "Adam",     "Kyle",        "Zachary",
	"Dustin",  "Cody",     "Travis",   "Shane",
};
static const char *const us_female[] = {
	"Mary",     "Patricia", "Jennifer",  "Linda",     "Elizabeth", "Barbara",  "Susan",
	"Jessica",  "Sarah",    "Karen",     "Lisa",      "Nancy",     "Betty",    "Sandra",
	"Margaret", "Ashley",   "Kimberly",  "Emily",     "Donna",     "Michelle", "Carol",
	"Amanda",   "Melissa",  "Deborah",   "Stephanie", "Rebecca",   "Sharon",   "Laura",
	"Cynthia",  "Amy",      "Kathleen",  "Angela",    "Shirley",   "Brenda",   "Emma",
	"Anna",     "Nicole",   "Samantha",  "Katherine", "Christine", "Rachel",   "Heather",
	"Tiffany",  "Crystal",  "Brittany",  "Amber",     "Danielle",  "Megan",    "Chelsea",
	"Kayla",
};

static const char *const aa_last[] = {
	"Washington", "Jefferson", "Jackson",   "Johnson",   "Williams",  "Brown",     "Jones",
	"Davis",      "Harris",    "Robinson",  "Thomas",    "Walker",    "Green",     "Lewis",
	"Young",      "Allen",     "Wright",    "Scott",     "Hill",      "Moore",     "Banks",
	"Booker",     "Gaines",    "Mosley",    "Dorsey",    "Freeman",   "Pierce",    "Coleman",
	"Simmons",    "Jenkins",   "Bell",      "Hayes",     "Holmes",    "Sims",      "Rivers",
	"Joseph",     "Cunningham", "Gordon",   "Richardson", "Henderson", "Brooks",   "Bryant",
	"Alexander",  "Griffin",   "Wallace",   "Woods",     "Battle",    "Tillman",   "Hairston",
	"Merriweather", "Singleton", "Dixon",   "Hunter",    "Tucker",    "Pryor",     "Ware",
	"Mayfield",   "Little",    "Patterson", "Toliver",   "Bridges",   "Gentry",    "Boyd",
	"Carter",     "Hawkins",   "Powell",    "Mack",      "Byrd",
};
static const char *const aa_male[] = {
	"DeShawn",  "Darnell",  "Tyrone",    "Jamal",    "Terrell",  "Marcus",   "Andre",
	"Dwayne",   "Malik",    "Darius",    "Jermaine", "Lamar",    "Cedric",   "Reginald",
	"Maurice",  "Curtis",   "Tremaine",  "DeAndre",  "Rashad",   "Demetrius", "Antoine",
	"Jalen",    "Isaiah",   "Xavier",    "Elijah",   "Kendrick", "Quentin",  "Devonte",
	"Tavon",    "Willie",   "Terrance",  "Derrick",  "Corey",    "Brandon",  "Michael",
	"Anthony",  "James",    "Calvin",    "Rodney",   "Marquise", "Jerome",   "Lamont",
	"Keith",    "Darryl",   "D'Angelo",
};
static const char *const aa_female[] = {
	"Keisha",  "Latoya",   "Tanisha",  "Aaliyah",  "Imani",    "Jasmine",   "Ebony",
	"Shanice", "Tamika",   "Monique",  "Kiara",    "Destiny",  "Dominique", "Ayanna",
	"Nia",     "Precious", "Shaniqua", "Tiana",    "Janae",    "Brianna",   "Alexis",
	"Jada",    "Kenya",    "Raven",    "Danielle", "Erica",    "Crystal",   "Tasha",
	"Yolanda", "Felicia",  "Shantel",  "Denise",   "Angela",   "Alicia",    "De'Asia",
};

/* Family names common among Ojibwe (Anishinaabe) and Dakota families in Minnesota. */
static const char *const native_last[] = {
	"Jourdain",  "Beaulieu",  "Fairbanks",  "Kingbird",  "Bellecourt", "Goodsky",   "Stately",
	"Littlewolf", "Whitebird", "Thunder",   "Headbird",  "Desjarlait", "Gurneau",   "Lussier",
	"Morrison",  "Bedeau",    "Sayers",     "Staples",   "Day",        "Dudley",    "Seelye",
	"Boshey",    "Wadena",    "Bonga",      "Shingobe",  "Nickaboine", "Benjamin",  "Eagle",
	"Skinaway",  "Mitchell",  "Roy",        "Cloud",     "Redday",     "Crow",      "Blue",
	"Wabasha",   "Goodthunder", "LaBatte",  "Renville",  "Prescott",   "Seaboy",    "Rouillard",
	"Whipple",   "Drift",     "Northbird",  "Gotchie",   "Wakanabo",   "Kegg",      "Cournoyer",
	"Kakkak",    "Bigbear",   "Smallwood",  "Losh",      "Strong",     "Lyons",     "Dunkley",
	"Sumner",    "Clark",
};
static const char *const native_male[] = {
	"Joseph",  "Daniel",  "Michael", "Anthony", "Robert",  "Brandon",  "Dakota",
	"Cody",    "Travis",  "Dustin",  "Shane",   "Justin",  "Jesse",    "Clayton",
	"Wade",    "Lance",   "Dale",    "Vernon",  "Leonard", "Clifford", "Raymond",
	"Ernest",  "Gerald",  "Wayne",   "Curtis",  "Elijah",  "Isaiah",   "Tyler",
	"Nathan",  "Jordan",  "Austin",  "Jacob",   "Ryan",    "Thomas",   "Waylon",
};
static const char *const native_female[] = {
	"Winona",   "Dawn",      "Tanya",    "Tara",      "Crystal",  "Rachel",   "Jessica",
	"Sierra",   "Autumn",    "Skye",     "Cheyenne",  "Destiny",  "Marcella", "Bernadette",
	"Darlene",  "Charlene",  "Lorraine", "Roberta",   "Bonnie",   "Vanessa",  "Shania",
	"Kateri",   "Angeline",  "Rose",     "Leah",      "Brittany", "Amber",    "Misty",
	"Tiffany",  "Julia",
};

static const char *const hispanic_last[] = {
	"García",    "Rodríguez", "Martínez",  "Hernández", "López",     "González",  "Pérez",
	"Sánchez",   "Ramírez",   "Torres",    "Flores",    "Rivera",    "Gómez",     "Díaz",
	"Reyes",     "Morales",   "Cruz",      "Ortiz",     "Gutiérrez", "Chávez",    "Ramos",
	"Ruiz",      "Jiménez",   "Vásquez",   "Castillo",  "Mendoza",   "Álvarez",   "Romero",
	"Herrera",   "Medina",    "Aguilar",   "Vargas",    "Castro",    "Guzmán",    "Fernández",
	"Muñoz",     "Salazar",   "Peña",      "Ibáñez",    "Núñez",     "Estrada",   "Delgado",
	"Sandoval",  "Contreras", "Valdez",    "Espinoza",  "Orozco",    "Cervantes", "Zúñiga",
	"Domínguez", "Navarro",   "Cárdenas",  "Ibarra",    "Acosta",    "Mejía",     "Soto",
	"Villanueva", "Beltrán",  "Márquez",   "Rosales",   "Ochoa",     "Padilla",   "Quintero",
	"Treviño",   "Saldaña",   "De la Cruz",
};
static const char *const hispanic_male[] = {
	"José",     "Juan",    "Luis",     "Carlos",    "Jesús",    "Miguel",   "Jorge",
	"Antonio",  "Francisco", "Alejandro", "Manuel", "Roberto",  "Ricardo",  "Fernando",
	"Eduardo",  "Javier",  "Raúl",     "Óscar",     "Sergio",   "Andrés",   "Rubén",
	"Héctor",   "Víctor",  "Ángel",    "Martín",    "Julio",    "Pedro",    "Arturo",
	"Alfredo",  "Ramón",   "Guillermo", "Gerardo",  "Marco",    "Adrián",   "Iván",
	"Joaquín",  "Efraín",  "Tomás",    "Sebastián", "Nicolás",
};
static const char *const hispanic_female[] = {
	"María",    "Guadalupe", "Rosa",     "Ana",     "Carmen",   "Juana",    "Verónica",
	"Gabriela", "Leticia",   "Alejandra", "Mónica", "Patricia", "Adriana",  "Claudia",
	"Daniela",  "Elena",     "Sofía",    "Lucía",   "Valeria",  "Marisol",  "Yesenia",
	"Esmeralda", "Araceli",  "Beatriz",  "Raquel",  "Inés",     "Dolores",  "Yolanda",
	"Silvia",   "Ximena",    "Itzel",    "Jazmín",  "Noemí",    "Belén",    "Zoe",
};

/* Somali: given name, father's name (middle), grandfather's name (last). */
static const char *const somali_last[] = {
	"Mohamed",  "Ahmed",     "Ali",       "Hassan",    "Hussein",   "Abdi",      "Abdullahi",
	"Farah",    "Omar",      "Osman",     "Yusuf",     "Ibrahim",   "Ismail",    "Jama",
	"Warsame",  "Egal",      "Nur",       "Aden",      "Dahir",     "Duale",     "Elmi",
	"Guled",    "Hirsi",     "Jibril",    "Mohamud",   "Mahamud",   "Noor",      "Shire",
	"Samatar",  "Yassin",    "Abdirahman", "Abdulkadir", "Adan",    "Awale",     "Barre",
	"Bile",     "Gedi",      "Geele",     "Haji",      "Hersi",     "Isse",      "Kahin",
	"Kassim",   "Madar",     "Muse",      "Roble",     "Sheikh",    "Warfa",     "Yonis",
	"Abdinur",
};
static const char *const somali_male[] = {
	"Abdirahman", "Abdullahi", "Ahmed",    "Ali",       "Mohamed",  "Hassan",   "Hussein",
	"Abdi",       "Abdikadir", "Abdiaziz", "Mustafa",   "Yusuf",    "Ibrahim",  "Ismail",
	"Omar",       "Osman",     "Mahad",    "Liban",     "Guled",    "Khalid",   "Hamza",
	"Bilal",      "Faysal",    "Jamal",    "Abdisalam", "Abdiwali", "Said",     "Sharmarke",
	"Warsame",    "Zakaria",   "Nuradin",  "Sakariye",  "Mukhtar",  "Abdifatah", "Idris",
};
static const char *const somali_female[] = {
	"Fadumo", "Hodan",  "Hawa",    "Amina",  "Asha",    "Ayan",   "Deeqa",   "Faiza",
	"Hibo",   "Ifrah",  "Khadra",  "Leylo",  "Maryan",  "Nasra",  "Sahra",   "Sagal",
	"Sucaad", "Ubah",   "Zamzam",  "Halima", "Fartun",  "Ruqiya", "Nimco",   "Muna",
	"Ilhan",  "Farhiya", "Hamdi",  "Safiya", "Warsan",  "Samira", "Ladan",
};

/* The eighteen Hmong clans in the spellings Minnesota records use, a few of them in the
 * Romanized Popular Alphabet (Vaj, Yaj, Xyooj): there are no more family names to add. */
static const char *const hmong_last[] = {
	"Vang",  "Xiong", "Yang",  "Lee",   "Ly",    "Thao",  "Thor",  "Her",   "Hue",
	"Moua",  "Mua",   "Lor",   "Lo",    "Vue",   "Vu",    "Khang", "Kong",  "Chang",
	"Hang",  "Kue",   "Cha",   "Chah",  "Fang",  "Pha",   "Chue",  "Chu",   "Cheng",
	"Yaj",   "Xyooj", "Vaj",   "Lis",   "Thoj",  "Lyfoung", "Vangh", "Yee",
};
static const char *const hmong_male[] = {
	"Tou",   "Pao",   "Neng",  "Chue",   "Kou",    "Xay",   "Fue",    "Chao",  "Cher",
	"Koua",  "Lue",   "Meng",  "Nhia",   "Nao",    "Phong", "Seng",   "Tong",  "Xeng",
	"Yia",   "Zong",  "Ger",   "Blong",  "Chong",  "Dang",  "Jer",    "Pheng", "Teng",
	"Kevin", "Johnny", "Tony", "Peter",  "Jimmy", "Tou Ger", "Chong Lee",
};
static const char *const hmong_female[] = {
	"Mai",    "Pa",     "Kao",     "Yer",    "Nou",     "Shoua",  "Bao",     "Choua",
	"Der",    "Gao",    "Houa",    "Ka",     "Kia",     "May",    "Mee",     "Pang",
	"Sheng",  "Youa",   "Zoua",    "Ia",     "Dia",     "Xia",    "Yeng",    "Chia",
	"Mai Yia", "Mai Nou", "Pa Houa", "Kalia", "Linda",  "Nancy",  "Maiv",    "Ntxhi",
};

static const char *const vietnamese_last[] = {
	"Nguyễn", "Trần",   "Lê",     "Phạm",  "Hoàng",  "Huỳnh",  "Phan",   "Vũ",    "Võ",
	"Đặng",   "Bùi",    "Đỗ",     "Hồ",    "Ngô",    "Dương",  "Lý",     "Đinh",  "Lâm",
	"Mai",    "Trương", "Cao",    "Tạ",    "Quách",  "Lưu",    "Châu",   "Tô",    "Thái",
	"Hà",     "Lương",  "Kiều",   "Đoàn",  "Vương",  "Diệp",   "La",     "Phùng", "Tăng",
	"Triệu",  "Từ",     "Thân",   "Chu",   "Mạc",    "Tống",   "Trịnh",  "Nghiêm", "Lại",
};
static const char *const vietnamese_male[] = {
	"An",    "Anh",   "Bảo",   "Bình",  "Cường", "Dũng",  "Duy",   "Đạt",   "Hải",
	"Hiếu",  "Hoàng", "Hùng",  "Huy",   "Khang", "Khoa",  "Long",  "Minh",  "Nam",
	"Nghĩa", "Phong", "Phúc",  "Quân",  "Quang", "Sơn",   "Tài",   "Thắng", "Thành",
	"Thịnh", "Tiến",  "Toàn",  "Trung", "Tuấn",  "Việt",  "Vinh",  "Vũ",
};
static const char *const vietnamese_female[] = {
	"Anh",   "Chi",   "Dung",  "Giang", "Hà",    "Hạnh",  "Hằng",  "Hoa",   "Hương",
	"Huyền", "Lan",   "Linh",  "Loan",  "Mai",   "My",    "Nga",   "Ngân",  "Ngọc",
	"Nhung", "Oanh",  "Phương", "Quyên", "Tâm",  "Thảo",  "Thủy",  "Trang", "Trinh",
	"Tuyết", "Uyên",  "Vân",   "Xuân",  "Yến",
};

/* Chinese names as written in Han characters (simplified, with some traditional). */
static const char *const chinese_last[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马",
	"朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许",
	"韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋",
	"蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "陳", "黃",
	"歐陽", "司馬",
};
static const char *const chinese_male[] = {
	"伟",   "强",   "磊",   "军",   "洋",   "勇",   "杰",   "涛",   "明",   "超",
	"小龍", "建华", "志强", "国平", "海峰", "俊杰", "浩然", "子轩", "宇航", "文博",
	"家豪", "志明", "建國", "永康", "晓东", "鹏",   "斌",   "辉",   "刚",   "平",
};
static const char *const chinese_female[] = {
	"芳",   "娜",   "敏",   "静",   "丽",   "艳",   "娟",   "霞",   "燕",   "玲",
	"婷",   "雪",   "慧",   "秀英", "桂英", "美玲", "丽华", "晓燕", "欣怡", "梓涵",
	"诗涵", "雨萱", "佳怡", "淑芬", "美華", "玉兰", "春梅", "海燕", "红梅", "文静",
};

/* Ethiopian (Amharic speakers): given name and father's name. */
static const char *const ethiopian_last[] = {
	"Tesfaye",  "Getachew", "Alemu",    "Bekele",   "Tadesse",  "Haile",    "Mengistu",
	"Girma",    "Kebede",   "Worku",    "Assefa",   "Abebe",    "Desta",    "Gebre",
	"Gebremariam", "Wolde", "Yohannes", "Tekle",    "Negash",   "Mulugeta", "Demissie",
	"Berhanu",  "Asfaw",    "Tsegaye",  "Ayele",    "Mekonnen", "Shiferaw", "Teshome",
	"Woldemariam", "Fikre", "Solomon",  "Dawit",    "Eshetu",   "Legesse",  "Lemma",
	"Mamo",     "Seyoum",   "Tefera",   "Zewdie",   "Amare",
};
static const char *const ethiopian_male[] = {
	"Abebe",   "Dawit",   "Yonas",    "Samuel",  "Solomon",  "Tewodros", "Bereket",
	"Henok",   "Elias",   "Mikias",   "Daniel",  "Biniam",   "Yohannes", "Fitsum",
	"Kidus",   "Natnael", "Eyob",     "Abel",    "Tesfaye",  "Getachew", "Haile",
	"Girma",   "Kaleb",   "Mesfin",   "Yared",   "Nahom",    "Robel",    "Amanuel",
	"Ermias",  "Sisay",
};
static const char *const ethiopian_female[] = {
	"Tigist",  "Meron",   "Selam",    "Hiwot",   "Bethlehem", "Mahlet",  "Rahel",
	"Saba",    "Liya",    "Hanna",    "Tsion",   "Eden",      "Marta",   "Sara",
	"Helen",   "Meseret", "Almaz",    "Genet",   "Aster",     "Azeb",    "Frehiwot",
	"Yeshi",   "Tirunesh", "Mekdes",  "Kidist",  "Lidya",     "Feven",   "Ruth",
	"Senait",  "Birtukan",
};

/* Oromo: given name and father's name. */
static const char *const oromo_last[] = {
	"Abdi",     "Tolera",   "Gemechu",  "Gudeta",   "Bekele",   "Fayisa",   "Dabala",
	"Bayisa",   "Chala",    "Diriba",   "Edossa",   "Fikadu",   "Gadisa",   "Gelana",
	"Hirpa",    "Jalata",   "Kumsa",    "Lammessa", "Megersa",  "Negasa",   "Obsa",
	"Regassa",  "Tafa",     "Tolosa",   "Urgessa",  "Wakjira",  "Yadeta",   "Jarso",
	"Boru",     "Guyo",     "Halake",   "Roba",     "Wario",    "Dido",     "Kedir",
	"Hussein",  "Mohammed", "Aliyi",    "Ibsa",     "Jemal",    "Gutema",   "Tufa",
};
static const char *const oromo_male[] = {
	"Abdi",    "Tolera",   "Gemechu",  "Chala",   "Lelisa",   "Obsa",    "Gadisa",
	"Kumsa",   "Dereje",   "Fayisa",   "Ibsa",    "Jemal",    "Kedir",   "Mohammed",
	"Hussein", "Abdulkadir", "Boru",   "Guyo",    "Jarso",    "Tadesse", "Bayisa",
	"Dawit",   "Biftu",    "Galata",   "Hailu",   "Kebede",   "Tesfaye", "Amanuel",
	"Lencho",  "Milkessa",
};
static const char *const oromo_female[] = {
	"Chaltu",  "Lalise",  "Ebise",    "Obse",    "Meseret",  "Hawi",     "Bontu",
	"Jalane",  "Genet",   "Gelane",   "Kedija",  "Zeyneba",  "Fatuma",   "Rahma",
	"Caaltuu", "Biftu",   "Ayantu",   "Hanna",   "Tigist",   "Aster",    "Lomitu",
	"Gifti",   "Iftu",    "Sena",     "Tsion",   "Dinknesh", "Amane",    "Bilisee",
	"Hadiya",  "Ruth",
};

static const char *const polish_last[] = {
	"Nowak",      "Kowalski",   "Wiśniewski",  "Wójcik",    "Kowalczyk",  "Kamiński",
	"Lewandowski", "Zieliński", "Szymański",   "Woźniak",   "Dąbrowski",  "Kozłowski",
	"Jankowski",  "Mazur",      "Wojciechowski", "Kwiatkowski", "Krawczyk", "Kaczmarek",
	"Piotrowski", "Grabowski",  "Zając",       "Pawłowski", "Michalski",  "Król",
	"Wieczorek",  "Jabłoński",  "Wróbel",      "Nowakowski", "Majewski",  "Olszewski",
	"Stępień",    "Malinowski", "Jaworski",    "Adamczyk",  "Dudek",      "Nowicki",
	"Pawlak",     "Górski",     "Witkowski",   "Walczak",   "Sikora",     "Baran",
	"Rutkowski",  "Michalak",   "Szewczyk",    "Ostrowski", "Tomaszewski", "Pietrzak",
	"Zalewski",   "Wróblewski", "Łuczak",      "Łukasik",
};
static const char *const polish_male[] = {
	"Łukasz",   "Piotr",   "Krzysztof", "Andrzej",  "Tomasz",    "Paweł",    "Michał",
	"Marcin",   "Grzegorz", "Jakub",    "Adam",     "Marek",     "Kamil",    "Mateusz",
	"Wojciech", "Dariusz", "Rafał",     "Sławomir", "Zbigniew",  "Przemysław", "Jarosław",
	"Mirosław", "Bartosz", "Szymon",    "Maciej",   "Jacek",     "Józef",    "Stanisław",
	"Wiesław",  "Zdzisław",
};
static const char *const polish_female[] = {
	"Agnieszka", "Anna",     "Małgorzata", "Katarzyna", "Barbara",  "Ewa",      "Magdalena",
	"Joanna",    "Dorota",   "Beata",      "Aleksandra", "Monika",  "Krystyna", "Elżbieta",
	"Grażyna",   "Jadwiga",  "Bożena",     "Urszula",   "Halina",   "Renata",   "Iwona",
	"Zofia",     "Natalia",  "Weronika",   "Justyna",   "Karolina", "Wiesława", "Danuta",
	"Teresa",    "Żaneta",
};

static const char *const bosnian_last[] = {
	"Hodžić",    "Hadžić",    "Begić",     "Delić",    "Mehmedović", "Kovačević", "Hasanović",
	"Ibrahimović", "Husić",   "Mujić",     "Omerović", "Salihović",  "Alić",      "Halilović",
	"Jukić",     "Babić",     "Marić",     "Petrović", "Jovanović",  "Nikolić",   "Đorđević",
	"Popović",   "Marković",  "Stanković", "Pavlović", "Šarić",      "Šehić",     "Čolić",
	"Ćosić",     "Kurtović",  "Mušić",     "Selimović", "Suljić",    "Imamović",  "Zukić",
	"Bešić",     "Karić",     "Džafić",    "Avdić",    "Osmanović",  "Muratović", "Softić",
};
static const char *const bosnian_male[] = {
	"Amir",    "Adnan",   "Emir",    "Haris",   "Mirza",   "Nermin",  "Edin",    "Senad",
	"Jasmin",  "Almir",   "Dženan",  "Kenan",   "Armin",   "Elvis",   "Damir",   "Muhamed",
	"Safet",   "Mehmed",  "Nedim",   "Zlatan",  "Dragan",  "Goran",   "Milan",   "Nikola",
	"Stefan",  "Marko",   "Ivan",    "Đorđe",   "Željko",  "Dušan",
};
static const char *const bosnian_female[] = {
	"Amra",    "Lejla",   "Selma",   "Emina",   "Aida",    "Alma",    "Amela",   "Jasmina",
	"Merima",  "Sabina",  "Azra",    "Dženita", "Ajla",    "Elma",    "Lamija",  "Mirela",
	"Sanela",  "Edina",   "Nermina", "Esma",    "Ivana",   "Jelena",  "Marija",  "Milica",
	"Snežana", "Dragana", "Vesna",   "Ljiljana", "Tanja",  "Željka",
};

/* Russian and Ukrainian names in the transliteration of their US documents. */
static const char *const russian_last[] = {
	"Ivanov",    "Petrov",    "Sidorov",   "Smirnov",   "Kuznetsov", "Popov",     "Volkov",
	"Sokolov",   "Lebedev",   "Kozlov",    "Novikov",   "Morozov",   "Pavlov",    "Fedorov",
	"Mikhailov", "Orlov",     "Vasiliev",  "Romanov",   "Zaitsev",   "Nikitin",   "Kovalenko",
	"Shevchenko", "Bondarenko", "Tkachenko", "Kravchenko", "Oliynyk", "Melnyk",   "Boyko",
	"Lysenko",   "Marchenko", "Rudenko",   "Savchenko", "Petrenko",  "Klymenko",  "Koval",
	"Tkachuk",   "Polishchuk", "Kovalchuk", "Moroz",    "Hrytsenko",
};
static const char *const russian_male[] = {
	"Aleksandr", "Sergei",   "Dmitri",   "Andrei",    "Alexei",   "Ivan",     "Mikhail",
	"Nikolai",   "Vladimir", "Yuri",     "Oleg",      "Igor",     "Pavel",    "Viktor",
	"Maxim",     "Artem",    "Roman",    "Denis",     "Anatoliy", "Vasyl",    "Taras",
	"Bohdan",    "Oleksandr", "Mykola",  "Volodymyr", "Serhiy",   "Andriy",   "Yevgeny",
	"Konstantin", "Vadim",
};
static const char *const russian_female[] = {
	"Anna",      "Olga",     "Elena",    "Natalia",   "Tatiana",  "Irina",    "Svetlana",
	"Marina",    "Yulia",    "Ekaterina", "Oksana",   "Lyudmila", "Galina",   "Larisa",
	"Nadezhda",  "Valentina", "Viktoria", "Daria",    "Anastasia", "Sofia",   "Polina",
	"Kseniya",   "Alina",    "Iryna",    "Olena",     "Halyna",   "Khrystyna", "Yana",
	"Veronika",  "Inna",
};

static const char *const hungarian_last[] = {
	"Nagy",     "Kovács",   "Tóth",     "Szabó",    "Horváth",  "Varga",    "Kiss",
	"Molnár",   "Németh",   "Farkas",   "Balogh",   "Papp",     "Takács",   "Juhász",
	"Lakatos",  "Mészáros", "Oláh",     "Simon",    "Rácz",     "Fekete",   "Szilágyi",
	"Török",    "Fehér",    "Balázs",   "Gál",      "Kis",      "Szűcs",    "Kocsis",
	"Orsós",    "Pintér",   "Fodor",    "Szalai",   "Sipos",    "Magyar",   "Lukács",
	"Gulyás",   "Bíró",     "Király",   "László",   "Katona",   "Szőke",    "Győri",
	"Vörös",    "Erdős",    "Csonka",   "Hegedűs",  "Pásztor",  "Kelemen",
};
static const char *const hungarian_male[] = {
	"László",   "István",   "József",   "János",    "Zoltán",   "Sándor",   "Ferenc",
	"Gábor",    "Attila",   "Péter",    "Tamás",    "Zsolt",    "Tibor",    "András",
	"Csaba",    "Imre",     "Lajos",    "György",   "Balázs",   "Gyula",    "Mihály",
	"Róbert",   "Norbert",  "Dániel",   "Ádám",     "Krisztián", "Levente", "Bence",
	"Máté",     "Dávid",
};
static const char *const hungarian_female[] = {
	"Mária",    "Erzsébet", "Katalin",  "Ilona",    "Éva",      "Anna",     "Zsuzsanna",
	"Margit",   "Judit",    "Ágnes",    "Andrea",   "Erika",    "Krisztina", "Mónika",
	"Edit",     "Gabriella", "Szilvia", "Anita",    "Csilla",   "Eszter",   "Tímea",
	"Nikolett", "Viktória", "Réka",     "Dóra",     "Zsófia",   "Boglárka", "Kitti",
	"Enikő",    "Ildikó",
};

const struct demo_name_pool demo_name_pools[] = {
	{DEMO_LIST(us_last), DEMO_LIST(us_male), DEMO_LIST(us_female), "English", 420},
	{DEMO_LIST(aa_last), DEMO_LIST(aa_male), DEMO_LIST(aa_female), "English", 250},
	/* Ojibwe and Dakota are spoken by few; most of these families speak English at home */
	{DEMO_LIST(native_last), DEMO_LIST(native_male), DEMO_LIST(native_female), "English", 95},
	{DEMO_LIST(hispanic_last), DEMO_LIST(hispanic_male), DEMO_LIST(hispanic_female), "Spanish",
	 75},
	{DEMO_LIST(somali_last), DEMO_LIST(somali_male), DEMO_LIST(somali_female), "Somali", 45},
	{DEMO_LIST(hmong_last), DEMO_LIST(hmong_male), DEMO_LIST(hmong_female), "Hmong", 35},
	{DEMO_LIST(vietnamese_last), DEMO_LIST(vietnamese_male), DEMO_LIST(vietnamese_female),
	 "Vietnamese", 12},
	{DEMO_LIST(chinese_last), DEMO_LIST(chinese_male), DEMO_LIST(chinese_female), "Mandarin",
	 6},
	{DEMO_LIST(ethiopian_last), DEMO_LIST(ethiopian_male), DEMO_LIST(ethiopian_female),
	 "Amharic", 8},
	{DEMO_LIST(oromo_last), DEMO_LIST(oromo_male), DEMO_LIST(oromo_female), "Oromo", 10},
	{DEMO_LIST(polish_last), DEMO_LIST(polish_male), DEMO_LIST(polish_female), "Polish", 8},
	{DEMO_LIST(bosnian_last), DEMO_LIST(bosnian_male), DEMO_LIST(bosnian_female), "Bosnian",
	 6},
	{DEMO_LIST(russian_last), DEMO_LIST(russian_male), DEMO_LIST(russian_female), "Russian",
	 8},
	{DEMO_LIST(hungarian_last), DEMO_LIST(hungarian_male), DEMO_LIST(hungarian_female),
	 "Hungarian", 2},
};

const size_t demo_name_pool_count = sizeof demo_name_pools / sizeof demo_name_pools[0];
